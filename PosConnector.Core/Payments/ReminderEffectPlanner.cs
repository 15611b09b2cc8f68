using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Payments;

/// <summary>
/// The plain plan: every effect goes through the outbox, with one <see cref="IOutboxReminder"/> per engine call (not per
/// compare-and-set attempt). The Functions host uses it: its wake-ups start orchestrations that must see the commit.
/// </summary>
public sealed class ReminderEffectPlanner(IOutboxReminder reminder) : IEffectPlanner
{
    public async Task<EffectPlan> BeforeCommitAsync(
        string paymentId, IReadOnlyList<PaymentEffect> effects, EffectPlan? previous, CancellationToken ct)
    {
        if (previous is null)
        {
            await reminder.RemindAsync(paymentId, ct);
        }

        return new EffectPlan(paymentId, effects);
    }

    public Task AfterCommitAsync(EffectPlan plan, StoredPayment? saved, bool dispatched, CancellationToken ct) => Task.CompletedTask;

    public Task DiscardAsync(EffectPlan plan, CancellationToken ct) => Task.CompletedTask;
}
