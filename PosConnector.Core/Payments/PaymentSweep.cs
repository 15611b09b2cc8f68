using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Orchestration;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;

namespace PosConnector.Core.Payments;

/// <summary>
/// Both hosts' safety net, run on a timer: for every open payment (<see cref="OpenPaymentsQuery"/>) it drains the
/// outbox, feeds DeadlineReached once the deadline passed, and hands an owed callback to the host (the Functions host
/// wakes the orchestration; the standalone host abandons a callback whose retry chain was lost). Only public engine
/// APIs, so a repeat or a race with the normal path is harmless.
/// </summary>
public sealed class PaymentSweep(
    OpenPaymentsQuery query,
    PaymentEngine engine,
    IServiceProvider services,
    IOptions<SweepOptions> options,
    TimeProvider time,
    ILogger<PaymentSweep> logger)
{
    /// <summary>Sweeps once; returns how many open payments it handled. One payment's failure does not stop the rest.</summary>
    public async Task<int> SweepAsync(Func<PaymentState, CancellationToken, Task> onCallbackOwed, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var handled = 0;
        await foreach (var state in query.FindAsync(now, o.CallbackLookback, o.Grace, ct))
        {
            try
            {
                await engine.DrainOutboxAsync(state.PaymentId, ct);
                if (OpenPaymentsQuery.IsPastDeadline(state, now, o.Grace))
                {
                    await engine.ApplyAsync(state.PaymentId, new PaymentEvent.DeadlineReached(), ct);
                }

                if (state.Callback == CallbackStatus.Pending)
                {
                    await onCallbackOwed(state, ct);
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
    /// The standalone host's owed-callback step: a callback still pending <see cref="SweepOptions.Grace"/> after its
    /// delayToCancel lost its retry chain (a poisoned queue message), so it is abandoned with an operator alert and
    /// no POST. Before that the chain in the callback queue is still at work and a second one would double the POSTs.
    /// </summary>
    public async Task AbandonExpiredCallbackAsync(PaymentState state, CancellationToken ct)
    {
        var callback = PaymentOrchestration.CallbackFor(state);
        if (time.GetUtcNow() >= callback.GiveUpAt + options.Value.Grace)
        {
            await services.GetRequiredService<CallbackDelivery>()
                .AbandonAsync(callback with { Attempt = 0 }, "the sweep found it still owed after delayToCancel (retry chain lost)", ct);
        }
    }
}
