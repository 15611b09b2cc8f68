using PosConnector.Domain.Payments;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The bound on operations per payment, checked before the decider, and the too-large refusal.</summary>
public sealed class PaymentLimitsTests
{
    private static PaymentState WithOperations(int count) => Given(Approved())! with
    {
        Operations = [.. Enumerable.Range(1, count).Select(i => new PaymentOperation(
            $"S{i}", OperationKind.Settlement, 0.01m, OperationStatus.Completed, $"op-{i}", null, "Successfully settled.", null))],
    };

    public static TheoryData<PaymentEvent> NewOperations() => new()
    {
        new PaymentEvent.CancellationRequested("NEW"),
        new PaymentEvent.SettlementRequested("NEW", 1m),
        new PaymentEvent.RefundRequested("NEW", 1m),
    };

    [Theory]
    [MemberData(nameof(NewOperations))]
    public void Refuse_NewOperationAtTheLimit_IsRejectedAndRecorded(PaymentEvent e)
    {
        var state = WithOperations(PaymentLimits.MaxOperations);
        var now = Start.AddHours(1);

        var decision = PaymentLimits.Refuse(state, e, now);

        Assert.NotNull(decision);
        Assert.Equal((DecisionOutcome.Rejected, "too-many-operations"), (decision.Outcome, decision.Rejection!.Code));
        Assert.Equal(
            $"This payment already holds {PaymentLimits.MaxOperations} operations, the most one payment can record; handle this one manually.",
            decision.Rejection.Message);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
        var entry = Assert.Single(decision.Recorded);
        Assert.Equal(new HistoryEntry(now, e.Tag, PaymentPhase.Approved, PaymentPhase.Approved,
            $"Rejected (too-many-operations): {decision.Rejection.Message}"), entry);
    }

    [Theory]
    [MemberData(nameof(NewOperations))]
    public void Refuse_OneBelowTheLimit_LetsTheDeciderDecide(PaymentEvent e)
    {
        Assert.Null(PaymentLimits.Refuse(WithOperations(PaymentLimits.MaxOperations - 1), e, Start));
    }

    [Fact]
    public void Refuse_RepeatOfAKnownRequestAtTheLimit_IsNotRefused()
    {
        Assert.Null(PaymentLimits.Refuse(WithOperations(PaymentLimits.MaxOperations), new PaymentEvent.SettlementRequested("S7", 1m), Start));
    }

    [Fact]
    public void Refuse_EventWithoutARequestAtTheLimit_IsNotRefused()
    {
        Assert.Null(PaymentLimits.Refuse(WithOperations(PaymentLimits.MaxOperations), new PaymentEvent.CallbackDelivered(1), Start));
    }

    [Fact]
    public void Refuse_NoPaymentYet_IsNotRefused()
    {
        Assert.Null(PaymentLimits.Refuse(null, new PaymentEvent.CancellationRequested("C1"), Start));
    }

    [Fact]
    public void TooLarge_AnyState_RejectsWithoutRecordingAnything()
    {
        var state = Given(Approved());

        var decision = PaymentLimits.TooLarge(state);

        Assert.Equal((DecisionOutcome.Rejected, "payment-too-large"), (decision.Outcome, decision.Rejection!.Code));
        Assert.Equal("This change would make the payment too large to store; nothing was recorded.", decision.Rejection.Message);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Recorded);
        Assert.Empty(decision.Effects);
    }
}
