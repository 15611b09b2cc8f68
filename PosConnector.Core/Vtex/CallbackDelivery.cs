using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Vtex;

namespace PosConnector.Core.Vtex;

/// <summary>
/// One callback attempt and its bookkeeping, shared by both hosts: on success or final failure the payment
/// records it; otherwise the caller waits <see cref="CallbackStep.RetryAfter"/> and calls again.
/// A POST happens only under the payment's callback lease and only while the payment still owes the callback, so two
/// copies of one callback message (a crash between dispatch and outbox delete) post once.
/// </summary>
public sealed class CallbackDelivery(
    VtexCallbackClient client,
    DeliveredCallbacks delivered,
    PaymentEngine engine,
    PaymentRepository repository,
    IOptions<CallbackOptions> options,
    TimeProvider time,
    ILogger<CallbackDelivery> logger,
    PaymentMetrics metrics)
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The standalone host's step: one attempt, then retry after the backoff or abandon at delayToCancel.</summary>
    public async Task<CallbackStep> AttemptAsync(CallbackMessage message, CancellationToken ct)
    {
        using var step = AttemptStep(message);
        return await NextStepAsync(message, await DeliverAsync(message, ct), ct);
    }

    /// <summary>
    /// The first attempt, made by the writer that just saved the final state (<paramref name="saved"/>, with its ETag),
    /// without reading it again. It takes no lease row: the caller's retry message stays invisible for
    /// <see cref="AttemptWindowFor"/>, the lease's own duration, and no other attempt exists before it fires.
    /// </summary>
    /// <remarks>
    /// With <paramref name="leased"/> it holds the callback lease, as every later attempt does: for a host where another
    /// attempt may already run (the Functions host's orchestration, woken by its deadline timer as the terminal approves).
    /// </remarks>
    public async Task<CallbackStep> AttemptFirstAsync(StoredPayment saved, CancellationToken ct, bool leased = false)
    {
        var message = CallbackMessage.For(saved.State, attempt: 1);
        using var step = AttemptStep(message);
        var result = saved.State.Callback != CallbackStatus.Pending ? CallbackAttemptResult.AlreadySettled
            : leased ? await UnderLeaseAsync(message.PaymentId, () => PostAndRecordAsync(saved, message.Attempt, ct), ct)
            : await PostAndRecordAsync(saved, message.Attempt, ct);
        Ended(step.Activity, result);
        return await NextStepAsync(message, result, ct);
    }

    /// <summary>How long one attempt may take: a POST (bounded by the request timeout) and recording its outcome.</summary>
    public static TimeSpan AttemptWindowFor(CallbackOptions o) => o.RequestTimeout * 2 + TimeSpan.FromSeconds(5);

    private TimeSpan AttemptWindow => AttemptWindowFor(options.Value);

    /// <summary>
    /// One POST, if still owed; a 2xx is recorded on the payment, a 401/403 raises an operator alert. Both hosts call it.
    /// Answers <see cref="CallbackAttemptResult.AlreadySettled"/> when the callback was delivered or abandoned before,
    /// and <see cref="CallbackAttemptResult.InProgress"/> while another attempt holds the lease.
    /// </summary>
    public async Task<CallbackAttemptResult> DeliverAsync(CallbackMessage message, CancellationToken ct)
    {
        using var step = AttemptStep(message);
        var result = await UnderLeaseAsync(message.PaymentId, async () => await OwedAsync(message.PaymentId, ct) is { } owed
            ? await PostAndRecordAsync(owed, message.Attempt, ct)
            : CallbackAttemptResult.AlreadySettled, ct);
        Ended(step.Activity, result);
        return result;
    }

    /// <summary>
    /// The attempt's step: the caller's when it began one for this payment (<see cref="FirstCallbackAttempts"/>, whose
    /// step is a new trace linked to the commit that made the callback owed), else a new one.
    /// </summary>
    private static StepSpan AttemptStep(CallbackMessage message)
    {
        var step = PaymentSpans.Continue(PaymentStep.Callback, message.PaymentId);
        step.Activity?.SetTag(PaymentSpans.CallbackAttempt, message.Attempt);
        return step;
    }

    private static void Ended(System.Diagnostics.Activity? step, CallbackAttemptResult result) => PaymentSpans.Ended(step,
        result switch
        {
            { StatusCode: >= 200 and < 300 } => "delivered",
            { Settled: true } => "already_settled",
            { Busy: true } => "in_progress",
            { StatusCode: not null } => "refused",
            _ => "failed",
        },
        result.Delivered || result.Busy ? null : result.Failure);

    /// <summary>One attempt while holding the payment's callback lease; <see cref="CallbackAttemptResult.InProgress"/> while another holds it.</summary>
    private async Task<CallbackAttemptResult> UnderLeaseAsync(string paymentId, Func<Task<CallbackAttemptResult>> attempt, CancellationToken ct)
    {
        var lease = await repository.TryLeaseAsync(paymentId, "callback", time.GetUtcNow(), AttemptWindow, ct);
        if (lease is null)
        {
            return CallbackAttemptResult.InProgress;
        }

        try
        {
            return await attempt();
        }
        finally
        {
            await ReleaseAsync(lease);
        }
    }

    private async Task<CallbackStep> NextStepAsync(CallbackMessage message, CallbackAttemptResult result, CancellationToken ct)
    {
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
        var now = time.GetUtcNow();
        var delay = CallbackBackoff.DelayAfter(message.Attempt, o.FirstRetryDelay, o.BackoffCoefficient, o.MaxRetryDelay);
        if (CallbackBackoff.NextAttemptAt(now, delay, message.GiveUpAt, o.RequestTimeout) is { } next)
        {
            Log.CallbackFailed(logger, message.PaymentId, message.Attempt, result.Failure, next - now);
            return CallbackStep.Retry(next - now);
        }

        await AbandonAfterLastAttemptAsync(message, result.Failure, ct);
        return CallbackStep.Done;
    }

    /// <summary>
    /// POSTs what the stored payment owes now (never an older copy of the body) and records a 2xx on it. A 2xx this
    /// process could not record is not posted again: this attempt only records it (<see cref="DeliveredCallbacks"/>).
    /// </summary>
    private async Task<CallbackAttemptResult> PostAndRecordAsync(StoredPayment owed, int attempt, CancellationToken ct)
    {
        var paymentId = owed.State.PaymentId;
        CallbackAttemptResult result;
        if (delivered.Unrecorded(paymentId) is { } deliveredOn)
        {
            (attempt, result) = (deliveredOn, CallbackAttemptResult.DeliveredEarlier);
        }
        else
        {
            var (callbackUrl, body) = CallbackMessage.PostFor(owed.State);
            result = await client.PostAsync(callbackUrl, body, ct);
            await metrics.CallbackAnsweredAsync(paymentId, result.StatusCode, time.GetUtcNow(), () => FinalAtAsync(paymentId, ct));
            if (!result.Delivered)
            {
                if (result.StatusCode is 401 or 403)
                {
                    Log.CallbackUnauthorized(logger, paymentId, result.StatusCode.Value);
                }

                return result;
            }

            Log.CallbackDelivered(logger, paymentId, result.StatusCode!.Value, attempt);
            delivered.Remember(paymentId, attempt);
        }

        try
        {
            await engine.ApplyAsync(paymentId, new PaymentEvent.CallbackDelivered(attempt), owed, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Log.CallbackDeliveredNotRecorded(logger, e, paymentId, attempt);
            return CallbackAttemptResult.Unrecorded;
        }

        delivered.Recorded(paymentId);
        return result;
    }

    /// <summary>
    /// The last attempt the backoff allows (<see cref="CallbackBackoff.NextAttemptAt"/>) failed with
    /// <paramref name="lastFailure"/>: abandoned with an alert that says, true to the clock, whether delayToCancel has
    /// passed or how far away it is.
    /// </summary>
    public Task AbandonAfterLastAttemptAsync(CallbackMessage message, string lastFailure, CancellationToken ct) =>
        AbandonAsync(message, CallbackBackoff.AbandonReason(lastFailure, time.GetUtcNow(), message.GiveUpAt), ct);

    /// <summary>No attempt before delayToCancel got a 2xx: an operator alert, and the payment stops owing a callback.</summary>
    public async Task AbandonAsync(CallbackMessage message, string reason, CancellationToken ct)
    {
        // A step of its own on both hosts (linked to the last attempt when it follows one): the attempt's outcome stands.
        using var step = PaymentSpans.Begin(PaymentStep.CallbackAbandon, message.PaymentId);
        if (await OwedAsync(message.PaymentId, ct) is not { } owed)
        {
            return;
        }

        Log.CallbackAbandoned(logger, message.PaymentId, message.Attempt, reason);
        await engine.ApplyAsync(message.PaymentId, new PaymentEvent.CallbackAbandoned(message.Attempt, reason), owed, ct);
    }

    /// <summary>
    /// When the payment's final status was recorded, from its audit trail: only for a callback this process did not see
    /// become owed (another instance recorded it, or this one restarted since).
    /// </summary>
    private async Task<DateTimeOffset?> FinalAtAsync(string paymentId, CancellationToken ct)
    {
        try
        {
            return (await engine.HistoryAsync(paymentId, ct))
                .FirstOrDefault(h => h.To is PaymentPhase.Approved or PaymentPhase.Denied or PaymentPhase.Cancelled)?.At;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            return null;
        }
    }

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
