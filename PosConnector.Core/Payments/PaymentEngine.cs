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

            IReadOnlyList<OutboxEntry> outbox;
            try
            {
                outbox = await repository.CommitAsync(paymentId, loaded, decision, ct);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                Log.Conflict(logger, paymentId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), time, ct);
                continue;
            }

            LogDecision(paymentId, @event, decision);
            await TryDispatchAsync(paymentId, outbox, ct);
            return decision;
        }
    }

    /// <summary>Dispatches and deletes every pending effect of the payment. Safe to repeat.</summary>
    public async Task DrainOutboxAsync(string paymentId, CancellationToken ct) =>
        await DispatchAsync(paymentId, await repository.ReadOutboxAsync(paymentId, ct), ct);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string paymentId, CancellationToken ct) =>
        repository.ReadHistoryAsync(paymentId, ct);

    /// <summary>
    /// Effects are independent of each other (a command, a timer, a callback), so they go out together; their rows
    /// are deleted only once all went out. A failure leaves every row for the reminder: at least once, never lost.
    /// </summary>
    private async Task DispatchAsync(string paymentId, IReadOnlyList<OutboxEntry> outbox, CancellationToken ct)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        await Task.WhenAll(outbox.Select(entry => dispatcher.DispatchAsync(paymentId, entry.Effect, ct)));
        await repository.DeleteOutboxAsync(paymentId, outbox, ct);
        foreach (var entry in outbox)
        {
            Log.Dispatched(logger, paymentId, entry.Effect.GetType().Name);
        }
    }

    private async Task TryDispatchAsync(string paymentId, IReadOnlyList<OutboxEntry> outbox, CancellationToken ct)
    {
        try
        {
            await DispatchAsync(paymentId, outbox, ct);
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
