using Microsoft.Extensions.Logging;
using PosConnector.Core.Observability;
using PosConnector.Core.Storage;

namespace PosConnector.Core.Payments;

/// <summary>
/// The only write path, shared by both hosts: load (with ETag) → decide → compare-and-set save → dispatch.
/// Only the writer whose save succeeds dispatches; a loser reloads and decides again.
/// </summary>
public sealed class PaymentEngine(
    PaymentRepository repository,
    IOutboxReminder reminder,
    IPaymentEffectDispatcher dispatcher,
    TimeProvider time,
    ILogger<PaymentEngine> logger)
{
    private const int MaxAttempts = 25;

    public async Task<PaymentState?> FindAsync(string paymentId, CancellationToken ct) =>
        (await repository.LoadAsync(paymentId, ct))?.State;

    public async Task<Decision> ApplyAsync(string paymentId, PaymentEvent @event, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["PaymentId"] = paymentId });
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await repository.LoadAsync(paymentId, ct);
            var decision = PaymentDecider.Decide(loaded?.State, @event, time.GetUtcNow());
            if (!decision.MustPersist)
            {
                return decision;
            }

            if (decision.Effects.Count > 0)
            {
                await reminder.RemindAsync(paymentId, ct);
            }

            try
            {
                await repository.CommitAsync(paymentId, loaded, decision, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                Log.Conflict(logger, paymentId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), time, ct);
                continue;
            }

            LogDecision(paymentId, @event, decision);
            if (decision.Effects.Count > 0)
            {
                await TryDrainOutboxAsync(paymentId, ct);
            }

            return decision;
        }
    }

    /// <summary>Dispatches and deletes every pending effect of the payment. Safe to repeat.</summary>
    public async Task DrainOutboxAsync(string paymentId, CancellationToken ct)
    {
        foreach (var entry in await repository.ReadOutboxAsync(paymentId, ct))
        {
            await dispatcher.DispatchAsync(paymentId, entry.Effect, ct);
            await repository.DeleteOutboxAsync(paymentId, entry, ct);
            Log.Dispatched(logger, paymentId, entry.Effect.GetType().Name);
        }
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string paymentId, CancellationToken ct) =>
        repository.ReadHistoryAsync(paymentId, ct);

    private async Task TryDrainOutboxAsync(string paymentId, CancellationToken ct)
    {
        try
        {
            await DrainOutboxAsync(paymentId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Committed effects are safe in the outbox; the reminder drains them later.
            Log.DispatchFailed(logger, e, paymentId);
        }
    }

    private void LogDecision(string paymentId, PaymentEvent @event, Decision decision)
    {
        if (decision.Rejection is { } rejection)
        {
            Log.Rejected(logger, paymentId, @event.GetType().Name, rejection.Code);
            return;
        }

        foreach (var entry in decision.Recorded)
        {
            Log.Transition(logger, paymentId, entry.Event, entry.From, entry.To, entry.Note);
        }
    }
}
