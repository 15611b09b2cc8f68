using System.Globalization;
using static PosConnector.Domain.Payments.PaymentEvent;

namespace PosConnector.Domain.Payments;

/// <summary>
/// Bounds on what one payment may hold, checked before the decider so its state always fits storage:
/// a new Cancel, Settle or Refund beyond <see cref="MaxOperations"/> is refused (repeats of known requestIds are not).
/// </summary>
public static class PaymentLimits
{
    public const int MaxOperations = 200;

    public static Decision? Refuse(PaymentState? state, PaymentEvent @event, DateTimeOffset now)
    {
        var requestId = @event switch
        {
            CancellationRequested e => e.RequestId,
            SettlementRequested e => e.RequestId,
            RefundRequested e => e.RequestId,
            _ => null,
        };
        if (state is null || requestId is null || state.Operations.Count < MaxOperations || state.FindOperation(requestId) is not null)
        {
            return null;
        }

        var rejection = new Rejection("too-many-operations", string.Create(CultureInfo.InvariantCulture,
            $"This payment already holds {MaxOperations} operations, the most one payment can record; handle this one manually."));
        return new Decision(state, [], [new HistoryEntry(now, @event.Tag, state.Phase, state.Phase,
            $"Rejected ({rejection.Code}): {rejection.Message}")], DecisionOutcome.Rejected, rejection);
    }

    /// <summary>The decision could not be stored (its state would outgrow a table entity): refused, nothing written.</summary>
    public static Decision TooLarge(PaymentState? state) => new(state, [], [], DecisionOutcome.Rejected,
        new Rejection("payment-too-large", "This change would make the payment too large to store; nothing was recorded."));
}
