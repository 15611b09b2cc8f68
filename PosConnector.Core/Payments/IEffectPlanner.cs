using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Payments;

/// <summary>
/// How a host keeps a decision's effects from being lost if its writer dies between the commit and their dispatch.
/// The engine asks <see cref="BeforeCommitAsync"/> first, saves the plan's <see cref="EffectPlan.Outbox"/> effects as
/// outbox rows in the same transaction as the state, dispatches them, then calls <see cref="AfterCommitAsync"/>.
/// A plan whose decision was not saved (a newer decision won) goes to <see cref="DiscardAsync"/>.
/// Implementations never throw from <see cref="AfterCommitAsync"/> or <see cref="DiscardAsync"/>: what they do there
/// is an optimisation, and the reminders they sent first still stand.
/// </summary>
public interface IEffectPlanner
{
    /// <summary>
    /// Before the save: sends what is safe to send ahead (wake-ups that read the stored state when they fire, so they
    /// are harmless if the save never happens) and arranges a reminder for the rest. <paramref name="previous"/> is
    /// this call's plan for a decision that lost a compare-and-set race, to reuse or discard.
    /// </summary>
    Task<EffectPlan> BeforeCommitAsync(string paymentId, IReadOnlyList<PaymentEffect> effects, EffectPlan? previous, CancellationToken ct);

    /// <summary>
    /// After the save; <paramref name="dispatched"/> says whether every outbox effect went out.
    /// <paramref name="saved"/> is the payment as saved, or null when its new ETag is unknown.
    /// </summary>
    Task AfterCommitAsync(EffectPlan plan, StoredPayment? saved, bool dispatched, CancellationToken ct);

    Task DiscardAsync(EffectPlan plan, CancellationToken ct);
}

/// <summary>A decision's effects as a host planned them: <see cref="Outbox"/> is what the commit must save as rows.</summary>
public record EffectPlan(string PaymentId, IReadOnlyList<PaymentEffect> Outbox);
