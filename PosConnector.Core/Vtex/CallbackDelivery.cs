using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;

namespace PosConnector.Core.Vtex;

/// <summary>
/// One callback attempt and its bookkeeping, shared by both hosts: on success or final failure the payment
/// records it; otherwise the caller waits <see cref="CallbackStep.RetryAfter"/> and calls again.
/// </summary>
public sealed class CallbackDelivery(
    VtexCallbackClient client,
    PaymentEngine engine,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDelivery> logger)
{
    /// <summary>The standalone host's step: one attempt, then retry after the backoff or abandon at delayToCancel.</summary>
    public async Task<CallbackStep> AttemptAsync(CallbackMessage message, CancellationToken ct)
    {
        var result = await DeliverAsync(message, ct);
        if (result.Delivered)
        {
            return CallbackStep.Done;
        }

        var o = options.Value;
        var delay = CallbackBackoff.DelayAfter(message.Attempt, o.FirstRetryDelay, o.BackoffCoefficient, o.MaxRetryDelay);
        if (CallbackBackoff.ShouldRetry(time.GetUtcNow() + delay, message.GiveUpAt))
        {
            Log.CallbackFailed(logger, message.PaymentId, message.Attempt, result.Failure, delay);
            return CallbackStep.Retry(delay);
        }

        await AbandonAsync(message, $"last attempt: {result.Failure}; delayToCancel passed", ct);
        return CallbackStep.Done;
    }

    /// <summary>One POST; a 2xx is recorded on the payment, a 401/403 raises an operator alert. Both hosts call it.</summary>
    public async Task<CallbackAttemptResult> DeliverAsync(CallbackMessage message, CancellationToken ct)
    {
        var result = await client.PostAsync(message.CallbackUrl, message.Body, ct);
        if (result.Delivered)
        {
            Log.CallbackDelivered(logger, message.PaymentId, result.StatusCode!.Value, message.Attempt);
            await engine.ApplyAsync(message.PaymentId, new PaymentEvent.CallbackDelivered(message.Attempt), ct);
        }
        else if (result.StatusCode is 401 or 403)
        {
            Log.CallbackUnauthorized(logger, message.PaymentId, result.StatusCode.Value);
        }

        return result;
    }

    /// <summary>delayToCancel passed without a 2xx: an operator alert, and the payment stops owing a callback.</summary>
    public async Task AbandonAsync(CallbackMessage message, string reason, CancellationToken ct)
    {
        Log.CallbackAbandoned(logger, message.PaymentId, message.Attempt, reason);
        await engine.ApplyAsync(message.PaymentId, new PaymentEvent.CallbackAbandoned(message.Attempt, reason), ct);
    }
}

public sealed record CallbackStep(TimeSpan? RetryAfter)
{
    public static CallbackStep Done { get; } = new((TimeSpan?)null);

    public static CallbackStep Retry(TimeSpan delay) => new(delay);
}
