using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Core.Vtex;

/// <summary>
/// One callback attempt and its bookkeeping, shared by both hosts: on success or final failure the payment
/// records it; otherwise the caller waits <see cref="CallbackStep.RetryAfter"/> and calls again.
/// A POST happens only under the payment's callback lease and only while the payment still owes the callback, so two
/// copies of one callback message (a crash between dispatch and outbox delete) post once.
/// </summary>
public sealed class CallbackDelivery(
    VtexCallbackClient client,
    PaymentEngine engine,
    PaymentRepository repository,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDelivery> logger)
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The standalone host's step: one attempt, then retry after the backoff or abandon at delayToCancel.</summary>
    public async Task<CallbackStep> AttemptAsync(CallbackMessage message, CancellationToken ct)
    {
        var result = await DeliverAsync(message, ct);
        if (result.Delivered)
        {
            return CallbackStep.Done;
        }

        if (result.Busy)
        {
            // Another copy is being posted right now; by the next look it is recorded and this one is dropped.
            return CallbackStep.Retry(BusyRetryDelay);
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

    /// <summary>
    /// One POST, if still owed; a 2xx is recorded on the payment, a 401/403 raises an operator alert. Both hosts call it.
    /// Answers <see cref="CallbackAttemptResult.AlreadySettled"/> when the callback was delivered or abandoned before,
    /// and <see cref="CallbackAttemptResult.InProgress"/> while another attempt holds the lease.
    /// </summary>
    public async Task<CallbackAttemptResult> DeliverAsync(CallbackMessage message, CancellationToken ct)
    {
        var lease = await repository.TryLeaseAsync(message.PaymentId, "callback", time.GetUtcNow(), LeaseDuration, ct);
        if (lease is null)
        {
            return CallbackAttemptResult.InProgress;
        }

        try
        {
            if (await OwedAsync(message.PaymentId, ct) is not { } owed)
            {
                return CallbackAttemptResult.AlreadySettled;
            }

            var result = await client.PostAsync(message.CallbackUrl, message.Body, ct);
            if (result.Delivered)
            {
                Log.CallbackDelivered(logger, message.PaymentId, result.StatusCode!.Value, message.Attempt);
                await engine.ApplyAsync(message.PaymentId, new PaymentEvent.CallbackDelivered(message.Attempt), owed, ct);
            }
            else if (result.StatusCode is 401 or 403)
            {
                Log.CallbackUnauthorized(logger, message.PaymentId, result.StatusCode.Value);
            }

            return result;
        }
        finally
        {
            await ReleaseAsync(lease);
        }
    }

    /// <summary>delayToCancel passed without a 2xx: an operator alert, and the payment stops owing a callback.</summary>
    public async Task AbandonAsync(CallbackMessage message, string reason, CancellationToken ct)
    {
        if (await OwedAsync(message.PaymentId, ct) is not { } owed)
        {
            return;
        }

        Log.CallbackAbandoned(logger, message.PaymentId, message.Attempt, reason);
        await engine.ApplyAsync(message.PaymentId, new PaymentEvent.CallbackAbandoned(message.Attempt, reason), owed, ct);
    }

    /// <summary>Covers one POST (bounded by the request timeout) and recording its outcome; a dead holder's lease lapses.</summary>
    private TimeSpan LeaseDuration => options.Value.RequestTimeout * 2 + TimeSpan.FromSeconds(5);

    /// <summary>The payment while it still owes its callback (its ETag guards recording the outcome), else null.</summary>
    private async Task<StoredPayment?> OwedAsync(string paymentId, CancellationToken ct)
    {
        var payment = await engine.LoadAsync(paymentId, ct);
        if (payment is { State.Callback: CallbackStatus.Pending })
        {
            return payment;
        }

        Log.CallbackNotOwed(logger, paymentId, payment?.State.Callback);
        return null;
    }

    private async Task ReleaseAsync(PaymentLease lease)
    {
        try
        {
            await repository.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
            Log.LeaseNotReleased(logger, e, lease.PaymentId);
        }
    }
}

public sealed record CallbackStep(TimeSpan? RetryAfter)
{
    public static CallbackStep Done { get; } = new((TimeSpan?)null);

    public static CallbackStep Retry(TimeSpan delay) => new(delay);
}
