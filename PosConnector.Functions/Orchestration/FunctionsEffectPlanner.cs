using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// The Functions host's plan: Core's outbox-and-reminder plan for everything, except the callback. A decision that owes
/// VTEX a callback queues, before the commit, a wake-up of the payment's orchestration that stays invisible for the
/// attempt window; after the commit this process makes the first attempt itself (<see cref="FirstCallbackAttempts"/>),
/// so the callback leaves in milliseconds instead of after a queue hop, an orchestration turn and an activity. The
/// wake-up is the durable part: it fires at once after a delivery (the orchestration completes), after the backoff
/// after a failure (the orchestration retries until delayToCancel), or by itself if this process dies meanwhile.
/// </summary>
public sealed class FunctionsEffectPlanner(
    ReminderEffectPlanner reminders,
    PaymentWakeups wakeups,
    FirstCallbackAttempts firstCallbacks,
    IOptions<CallbackOptions> callbacks,
    ILogger<FunctionsEffectPlanner> logger)
    : IEffectPlanner
{
    private static readonly AsyncLocal<bool> OrchestrationTurn = new();

    /// <summary>
    /// Runs <paramref name="work"/> as a turn of the payment's orchestration (its activity): a callback the decision owes
    /// is then the orchestration's own next step, so no wake-up and no attempt from here (it would race the orchestration's).
    /// </summary>
    public static async Task<T> OnOrchestrationTurnAsync<T>(Func<Task<T>> work)
    {
        // Seen by the engine call inside work(); an async method's AsyncLocal change never reaches its caller.
        OrchestrationTurn.Value = true;
        return await work();
    }

    public async Task<EffectPlan> BeforeCommitAsync(
        string paymentId, IReadOnlyList<PaymentEffect> effects, EffectPlan? previous, CancellationToken ct)
    {
        var earlier = previous as FunctionsPlan;
        // The outbox (and its reminder) only for what is left once the callback is taken out: often nothing at all.
        var earlierInner = earlier?.Inner is { Outbox.Count: > 0 } inner ? inner : null;
        PaymentEffect[] outbox = [.. effects.Where(e => e is not PaymentEffect.NotifyVtex)];
        EffectPlan plan;
        if (outbox.Length > 0)
        {
            plan = await reminders.BeforeCommitAsync(paymentId, outbox, earlierInner, ct);
        }
        else
        {
            if (earlierInner is not null)
            {
                await reminders.DiscardAsync(earlierInner, ct);
            }

            plan = new EffectPlan(paymentId, []);
        }

        var wake = earlier?.CallbackWake;
        if (wake is null && !OrchestrationTurn.Value && effects.Any(e => e is PaymentEffect.NotifyVtex))
        {
            wake = await SentMessage.SendAsync(wakeups.Queue, paymentId, CallbackDelivery.AttemptWindowFor(callbacks.Value), ct);
        }

        return new FunctionsPlan(plan, wake);
    }

    public Task AfterCommitAsync(EffectPlan plan, StoredPayment? saved, bool dispatched, CancellationToken ct)
    {
        var p = (FunctionsPlan)plan;
        if (p.Inner.Outbox.Count > 0)
        {
            // Deleting the dispatched effects' reminder is an optimisation the answer does not wait for, as on the
            // standalone host: a reminder left behind fires later and finds nothing owed.
            _ = reminders.AfterCommitAsync(p.Inner, saved, dispatched, CancellationToken.None);
        }

        if (p.CallbackWake is { } wake)
        {
            firstCallbacks.Start(p.PaymentId, saved, new CallbackFallback(wake, WakeAfterDelivery: true, CallbackFallback.SecondAttempt, Leased: true));
        }

        return Task.CompletedTask;
    }

    public async Task DiscardAsync(EffectPlan plan, CancellationToken ct)
    {
        var p = (FunctionsPlan)plan;
        if (p.Inner.Outbox.Count > 0)
        {
            await reminders.DiscardAsync(p.Inner, ct);
        }

        if (p.CallbackWake is { } wake)
        {
            // Nothing was saved for it: the wake-up would find nothing owed anyway.
            await wake.TryDeleteAsync(logger, p.PaymentId, "discard", ct);
        }
    }

    /// <summary>Core's plan (the outbox rows, without the callback) and this call's callback wake-up, if it owes one.</summary>
    private sealed record FunctionsPlan(EffectPlan Inner, SentMessage? CallbackWake) : EffectPlan(Inner.PaymentId, Inner.Outbox);
}
