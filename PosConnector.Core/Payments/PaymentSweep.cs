using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Payments;

/// <summary>
/// Both hosts' safety net, run on a timer: for every open payment (<see cref="OpenPaymentsQuery"/>) it drains the
/// outbox, feeds DeadlineReached once the deadline passed, and hands an owed callback to the host (the Functions host
/// wakes the orchestration; the standalone host makes one attempt, or abandons the callback past delayToCancel), and
/// rewrites its search index row (one upsert per open payment per sweep: the repair of a lost index write). Only
/// public engine APIs, so a repeat or a race with the normal path is harmless.
/// </summary>
public sealed class PaymentSweep(
    OpenPaymentsQuery query,
    PaymentEngine engine,
    IServiceProvider services,
    IOptions<SweepOptions> options,
    IOptions<CallbackOptions> callbackOptions,
    TimeProvider time,
    ILogger<PaymentSweep> logger,
    PaymentMetrics metrics,
    PaymentIndexWriter index)
{
    /// <summary>Sweeps once; returns how many open payments it handled. One payment's failure does not stop the rest.</summary>
    public async Task<int> SweepAsync(Func<OpenPayment, CancellationToken, Task> onCallbackOwed, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var handled = 0;
        await foreach (var payment in query.FindAsync(now, o.CallbackLookback, o.Grace, ct))
        {
            var state = payment.State;
            try
            {
                // Repairs a lost index write, with the state as read: before the deadline step, whose own write follows.
                await index.TryWriteAsync(state, ct);

                await engine.DrainOutboxAsync(state.PaymentId, ct);
                if (OpenPaymentsQuery.IsPastDeadline(state, now, o.Grace))
                {
                    Log.PastDeadline(logger, state.PaymentId, state.Phase, now - state.Deadline!.Value);
                    metrics.SweptPastDeadline(state.Phase, await engine.ApplyAsync(state.PaymentId, new PaymentEvent.DeadlineReached(), ct));
                }

                if (state.Callback == CallbackStatus.Pending)
                {
                    await onCallbackOwed(payment, ct);
                }

                handled++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SweepFailed(logger, e, state.PaymentId);
            }
        }

        Log.Swept(logger, handled);
        return handled;
    }

    /// <summary>
    /// The standalone host's owed-callback step. Past delayToCancel (plus <see cref="SweepOptions.Grace"/>): abandoned
    /// with an operator alert and no POST. Before it, once the payment was last saved longer ago than a callback
    /// attempt can take (so its first attempt, which holds no lease row, is over): one attempt under the callback
    /// lease, so a retry chain lost to a poisoned message does not leave the callback to be abandoned. A live chain is
    /// unaffected: the lease serializes attempts, and whichever delivers first ends the others.
    /// </summary>
    public async Task HandleOwedCallbackAsync(OpenPayment payment, CancellationToken ct)
    {
        var delivery = services.GetRequiredService<CallbackDelivery>();
        var callback = CallbackMessage.For(payment.State, attempt: 0);
        var now = time.GetUtcNow();
        if (now >= callback.GiveUpAt + options.Value.Grace)
        {
            await delivery.AbandonAsync(callback, "the sweep found it still owed after delayToCancel (retry chain lost)", ct);
        }
        else if (payment.SavedAt is { } saved && now - saved >= CallbackDelivery.AttemptWindowFor(callbackOptions.Value))
        {
            await delivery.DeliverAsync(callback, ct);
        }
    }
}
