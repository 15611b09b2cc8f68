using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Payments;

/// <summary>
/// The plain plan: every effect goes through the outbox, with one <see cref="IOutboxReminder"/> per engine call (not per
/// compare-and-set attempt). The Functions host uses it: its wake-ups start orchestrations that must see the commit.
/// The reminder is only needed if dispatch does not happen: once every effect went out, or when no decision of this call
/// was saved, it is deleted instead of firing for nothing. A reminder for a failed dispatch stays and drains the outbox.
/// </summary>
public sealed class ReminderEffectPlanner(IOutboxReminder reminder, ILogger<ReminderEffectPlanner> logger) : IEffectPlanner
{
    public ReminderEffectPlanner(IOutboxReminder reminder)
        : this(reminder, NullLogger<ReminderEffectPlanner>.Instance)
    {
    }

    public async Task<EffectPlan> BeforeCommitAsync(
        string paymentId, IReadOnlyList<PaymentEffect> effects, EffectPlan? previous, CancellationToken ct)
    {
        var sent = previous is null ? await reminder.SendAsync(paymentId, ct) : (previous as ReminderPlan)?.Reminder;
        return new ReminderPlan(paymentId, effects, sent);
    }

    public Task AfterCommitAsync(EffectPlan plan, StoredPayment? saved, bool dispatched, CancellationToken ct) =>
        dispatched ? DeleteAsync(plan, "delete", ct) : Task.CompletedTask;

    public Task DiscardAsync(EffectPlan plan, CancellationToken ct) => DeleteAsync(plan, "discard", ct);

    private Task DeleteAsync(EffectPlan plan, string step, CancellationToken ct) =>
        plan is ReminderPlan { Reminder: { } message } ? message.TryDeleteAsync(logger, plan.PaymentId, step, ct) : Task.CompletedTask;

    /// <summary>The plan with this call's reminder message, when the reminder can be deleted.</summary>
    private sealed record ReminderPlan(string PaymentId, IReadOnlyList<PaymentEffect> Outbox, SentMessage? Reminder)
        : EffectPlan(PaymentId, Outbox);
}
