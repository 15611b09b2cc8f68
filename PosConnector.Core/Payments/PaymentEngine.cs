using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Payments;

/// <summary>
/// The only write path, shared by both hosts: load (with ETag) → decide → compare-and-set save → dispatch.
/// Only the writer whose save succeeds dispatches; a loser reloads and decides again.
/// Dispatch is idempotent by construction: outbox rows are claimed (the committer claims its own rows in the commit,
/// a drainer claims leftovers with their ETags), one holder at a time, and each effect is checked against the
/// payment's current state before it goes out (<see cref="OwedEffects"/>). A commit that changes what the search index
/// shows hands the saved state to <see cref="PaymentIndexWriter"/>, which writes it off the caller's path.
/// </summary>
public sealed class PaymentEngine(
    PaymentRepository repository,
    IEffectPlanner planner,
    IPaymentEffectDispatcher dispatcher,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<PaymentEngine> logger,
    PaymentMetrics metrics,
    PaymentIndexWriter? index = null)
{
    private const int MaxAttempts = 25;

    /// <summary>A claim lasts as long as the reminder's delay: a crashed writer's rows are free when its reminder comes due.</summary>
    private TimeSpan ClaimDuration => storage.Value.OutboxReminderDelay;

    public async Task<PaymentState?> FindAsync(string paymentId, CancellationToken ct) =>
        (await repository.LoadAsync(paymentId, ct))?.State;

    /// <summary>The payment with its ETag, for a caller that checks it and then applies an event to it.</summary>
    public Task<StoredPayment?> LoadAsync(string paymentId, CancellationToken ct) => repository.LoadAsync(paymentId, ct);

    public Task<Decision> ApplyAsync(string paymentId, PaymentEvent @event, CancellationToken ct) =>
        ApplyAsync(paymentId, @event, preloaded: null, ct);

    /// <summary>
    /// Applies <paramref name="event"/>, deciding first against <paramref name="preloaded"/> (what the caller just
    /// loaded) instead of reading the payment again. Its ETag guards the save as any load's would: if it is stale, the
    /// save fails and the engine reloads and decides again.
    /// </summary>
    public async Task<Decision> ApplyAsync(string paymentId, PaymentEvent @event, StoredPayment? preloaded, CancellationToken ct) =>
        (await ApplyAsync(paymentId, @event, preloaded, assumeNew: false, exact: false, ct))!;

    /// <summary>
    /// Applies <paramref name="event"/> to exactly <paramref name="loaded"/>, or not at all: null when the payment
    /// changed since (nothing written, nothing decided again). For a caller whose input was judged against that
    /// version (the terminal claim: <see cref="Domain.Terminals.TerminalClaimRules"/>), which then starts over itself.
    /// </summary>
    public Task<Decision?> TryApplyAsync(string paymentId, PaymentEvent @event, StoredPayment loaded, CancellationToken ct) =>
        ApplyAsync(paymentId, @event, loaded, assumeNew: false, exact: true, ct);

    /// <summary>
    /// Applies an event that usually creates the payment (the first Create Payment): decides as if the payment did not
    /// exist and inserts it, without reading first. Only if it exists (the insert conflicts) does the engine read it and
    /// decide again, as for any lost race: one request for a new payment, one more for a repeat.
    /// </summary>
    public async Task<Decision> ApplyToNewAsync(string paymentId, PaymentEvent @event, CancellationToken ct) =>
        (await ApplyAsync(paymentId, @event, preloaded: null, assumeNew: true, exact: false, ct))!;

    private async Task<Decision?> ApplyAsync(
        string paymentId, PaymentEvent @event, StoredPayment? preloaded, bool assumeNew, bool exact, CancellationToken ct)
    {
        using var scope = Log.PaymentScope(logger, paymentId);
        // The step's span when a handler started one (its reads are in it too), else this event's own step.
        using var step = PaymentSpans.Continue(PaymentStep.For(@event), paymentId);
        EffectPlan? plan = null;
        for (var attempt = 1; ; attempt++)
        {
            var firstGuess = attempt == 1 && (assumeNew || preloaded is not null);
            var loaded = firstGuess ? preloaded : await repository.LoadAsync(paymentId, ct);
            var now = time.GetUtcNow();
            var decision = PaymentLimits.Refuse(loaded?.State, @event, now) ?? PaymentDecider.Decide(loaded?.State, @event, now);
            if (!decision.MustPersist || decision.Effects.Count == 0)
            {
                // A plan made for a decision that lost the race and was not decided again.
                await DiscardAsync(ref plan, ct);
                if (!decision.MustPersist)
                {
                    PaymentSpans.Decided(step.Activity, @event, decision);
                    return decision;
                }
            }
            else
            {
                plan = await planner.BeforeCommitAsync(paymentId, decision.Effects, plan, ct);
            }

            var claim = OutboxClaim.New(now, ClaimDuration);
            Commit commit;
            try
            {
                commit = await repository.CommitAsync(paymentId, loaded, decision, claim, ct, plan?.Outbox ?? []);
            }
            catch (ConcurrencyConflictException) when (exact)
            {
                Log.Conflict(logger, paymentId, attempt);
                PaymentSpans.Ended(step.Activity, "conflict");
                await DiscardAsync(ref plan, ct);
                return null;
            }
            catch (ConcurrencyConflictException) when (firstGuess)
            {
                // The payment changed since the caller loaded it, or exists after all: read it and decide again now.
                Log.Conflict(logger, paymentId, attempt);
                continue;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                Log.Conflict(logger, paymentId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), time, ct);
                continue;
            }
            catch (PaymentTooLargeException e)
            {
                Log.TooLarge(logger, e, paymentId, @event.Tag);
                await DiscardAsync(ref plan, ct);
                var refused = PaymentLimits.TooLarge(loaded?.State);
                PaymentSpans.Decided(step.Activity, @event, refused);
                return refused;
            }

            LogDecision(paymentId, @event, decision);
            PaymentSpans.Decided(step.Activity, @event, decision);
            metrics.Committed(loaded?.State, @event, decision, now);
            if (PaymentIndex.Changes(loaded?.State, decision.State))
            {
                index?.Enqueue(decision.State!);
            }

            var dispatched = await TryDispatchAsync(paymentId, decision.State, commit.Outbox, claim, ct);
            if (plan is not null)
            {
                await planner.AfterCommitAsync(plan, commit.Saved, dispatched, ct);
            }

            return decision;
        }
    }

    /// <summary>
    /// Dispatches what is still owed of the payment's pending effects and deletes their rows. Safe to repeat and to
    /// run concurrently: while another writer or drainer holds the rows, nothing is sent and the caller is told when
    /// to come back.
    /// </summary>
    public async Task<DrainResult> DrainOutboxAsync(string paymentId, CancellationToken ct)
    {
        var outbox = await repository.ReadOutboxAsync(paymentId, ct);
        if (outbox.Count == 0)
        {
            return DrainResult.Done;
        }

        var now = time.GetUtcNow();
        if (outbox.Max(e => e.ClaimedUntil) is { } held && held > now)
        {
            Log.OutboxBusy(logger, paymentId, held);
            return new DrainResult(held);
        }

        var claim = OutboxClaim.New(now, ClaimDuration);
        if (!await repository.TryClaimAsync(paymentId, outbox, claim, ct))
        {
            Log.OutboxBusy(logger, paymentId, claim.Until);
            return new DrainResult(claim.Until);
        }

        // Read after claiming: whatever the state says now is what the effects are checked against.
        var state = (await repository.LoadAsync(paymentId, ct))?.State;
        await DispatchAsync(paymentId, state, outbox, claim, ct, drained: true);
        return DrainResult.Done;
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string paymentId, CancellationToken ct) =>
        repository.ReadHistoryAsync(paymentId, ct);

    /// <summary>
    /// Effects are independent of each other (a command, a timer, a callback), so they go out together; their rows
    /// are deleted only once all went out. A failure leaves every row for the reminder: at least once, never lost.
    /// Sending stops when the claim lapses, so a drainer taking over never overlaps a slow holder.
    /// </summary>
    private async Task DispatchAsync(
        string paymentId, PaymentState? state, IReadOnlyList<OutboxEntry> outbox, OutboxClaim claim, CancellationToken ct, bool drained = false)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        var left = claim.Until - time.GetUtcNow();
        using var lapse = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        using var within = CancellationTokenSource.CreateLinkedTokenSource(ct, lapse.Token);
        var owed = outbox.Where(e => OwedEffects.IsOwed(state, e.Effect)).ToList();
        await Task.WhenAll(owed.Select(entry => dispatcher.DispatchAsync(paymentId, entry.Effect, within.Token)));
        await repository.DeleteOutboxAsync(paymentId, outbox, within.Token);
        foreach (var entry in outbox)
        {
            if (owed.Contains(entry))
            {
                Log.Dispatched(logger, paymentId, entry.Effect.Tag);
                if (drained && entry.Effect is PaymentEffect.SendTerminalCommand send)
                {
                    metrics.Resent(send.Command);
                }
            }
            else
            {
                Log.NotOwed(logger, paymentId, entry.Effect.Tag);
            }
        }
    }

    private async Task<bool> TryDispatchAsync(
        string paymentId, PaymentState? state, IReadOnlyList<OutboxEntry> outbox, OutboxClaim claim, CancellationToken ct)
    {
        try
        {
            await DispatchAsync(paymentId, state, outbox, claim, ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Committed effects are safe in the outbox; the reminder drains them once the claim lapses.
            Log.DispatchFailed(logger, e, paymentId);
            return false;
        }
    }

    private Task DiscardAsync(ref EffectPlan? plan, CancellationToken ct)
    {
        var discarded = plan;
        plan = null;
        return discarded is null ? Task.CompletedTask : planner.DiscardAsync(discarded, ct);
    }

    private void LogDecision(string paymentId, PaymentEvent @event, Decision decision)
    {
        if (decision.Rejection is { } rejection)
        {
            Log.Rejected(logger, paymentId, @event.Tag, rejection.Code);
            return;
        }

        foreach (var entry in decision.Recorded)
        {
            Log.Transition(logger, paymentId, entry.Event, entry.From, entry.To, entry.Note);
        }
    }
}
