using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Details of the decider's transitions that the end-to-end rules do not pin: expiries, boundaries, amounts and ids.</summary>
public sealed class PaymentDeciderDetailTests
{
    [Theory]
    [InlineData(TerminalVerdict.Disabled, "terminal-disabled")]
    [InlineData(TerminalVerdict.OtherStore, "terminal-other-store")]
    [InlineData(TerminalVerdict.Unknown, "terminal-unknown")]
    public void SerialSubmitted_RefusedTerminal_DeniesAndNotifiesVtex(TerminalVerdict verdict, string code)
    {
        var decision = When(Given(Created()), new PaymentEvent.SerialSubmitted("T-9", verdict));

        Assert.Equal((PaymentPhase.Denied, code, CallbackStatus.Pending, "T-9"),
            (decision.State!.Phase, decision.State.Code, decision.State.Callback, decision.State.SerialNumber));
        Assert.IsType<PaymentEffect.NotifyVtex>(Assert.Single(decision.Effects));
    }

    [Fact]
    public void CreatePaymentCalled_IdentifiedLate_ChargesWithTheShortenedTimeout()
    {
        var now = Start.AddSeconds(400);

        var decision = When(Given(Created(), SerialAccepted()), Created(), now);

        // delayToCancel 600 - 400 elapsed - 60 margin = 140 s to wait, less the 30 s the wait keeps over the terminal.
        var charge = decision.Effects.OfType<PaymentEffect.SendTerminalCommand>().Single().Command;
        Assert.Equal((140, now.AddSeconds(110)), (decision.State!.WaitSeconds, charge.ExpiresAt));
        Assert.Equal(now.AddSeconds(110), decision.State.Deadline);
    }

    [Fact]
    public void CreatePaymentCalled_ExactlyTheShortestTimeoutLeft_StillCharges()
    {
        var state = Given(Created(), SerialAccepted());

        var charged = When(state, Created(), Start.AddSeconds(500));
        var late = When(state, Created(), Start.AddSeconds(501));

        Assert.Equal(PaymentPhase.AwaitingTerminal, charged.State!.Phase);
        Assert.Equal(Start.AddSeconds(500 + PaymentDeciderMinTerminalSeconds),
            charged.Effects.OfType<PaymentEffect.SendTerminalCommand>().Single().Command.ExpiresAt);
        Assert.Equal((PaymentPhase.Denied, "identify-too-late"), (late.State!.Phase, late.State.Code));
    }

    /// <summary>PaymentDecider.MinTerminalSeconds (internal): below this a charge cannot complete.</summary>
    private const int PaymentDeciderMinTerminalSeconds = 10;

    [Fact]
    public void CancellationRequested_VoidOfAnApprovedPayment_ExpiresAfterTheTerminalTimeout()
    {
        var now = Start.AddMinutes(5);

        var decision = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1"), now);

        var command = Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command;
        Assert.Equal((TerminalCommandType.Void, now.AddSeconds(Terms.TerminalTimeoutSeconds)), (command.Type, command.ExpiresAt));
    }

    [Fact]
    public void TerminalResultReceived_OneOfTwoPendingPartialCancellationsConfirmed_LeavesTheOtherPending()
    {
        var state = Given([.. Approved(), new PaymentEvent.CancellationRequested("C1", 1000m), new PaymentEvent.CancellationRequested("C2", 500m)]);

        var confirmed = When(state, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State!;

        Assert.Equal(OperationStatus.Completed, confirmed.FindOperation("C1")!.Status);
        Assert.Equal((OperationStatus.Pending, "cancel-pending"), (confirmed.FindOperation("C2")!.Status, confirmed.FindOperation("C2")!.Code));
        Assert.Equal((10m, 5m), (confirmed.CancelledAmount, confirmed.PendingCancellationAmount));
    }

    [Fact]
    public void CancellationRequested_TestSuitePartial_CountsTheAmountAsCancelled()
    {
        var partly = When(Given(Created(flow: TestSuiteFlow.Approved)), new PaymentEvent.CancellationRequested("C1", 1000m)).State!;
        var fully = When(Given(Created(flow: TestSuiteFlow.Approved)), new PaymentEvent.CancellationRequested("C1")).State!;

        Assert.Equal((false, 10m, 21.90m), (partly.Voided, partly.CancelledAmount, partly.UncommittedAmount));
        Assert.Equal((true, 0m), (fully.Voided, fully.CancelledAmount));
        Assert.Empty(partly.Commands);
    }

    [Fact]
    public void SettlementAndRefund_Approved_GetIdsFromTheTidAndTheirPosition()
    {
        var settled = Given([.. Approved(), new PaymentEvent.SettlementRequested("S1", null)]);

        var refunded = When(settled, new PaymentEvent.RefundRequested("R1", 10m)).State!;

        Assert.Equal(("TID-1-S1", "TID-1-R2"), (refunded.FindOperation("S1")!.OperationId, refunded.FindOperation("R1")!.OperationId));
    }

    [Fact]
    public void CreatePaymentCalled_TestSuiteApproved_AuthorizesWithTheTestSuiteCard()
    {
        var state = When(null, Created(flow: TestSuiteFlow.Approved)).State!;

        Assert.Equal(new CardAuthorization($"TS-{PaymentId}", $"NSU-{PaymentId}", state.Tid, "TestSuite", "Visa", "444433", "1111"),
            state.Authorization);
    }

    [Fact]
    public void CreatePaymentCalled_NewPayment_GetsItsOwnPrefixedTid()
    {
        var tid = When(null, Created()).State!.Tid;
        var other = When(null, new PaymentEvent.CreatePaymentCalled("PAY2", Order(), Terms, null)).State!.Tid;

        Assert.StartsWith("PC", tid, StringComparison.Ordinal);
        Assert.Equal(20, tid.Length);
        Assert.NotEqual(tid, other);
        Assert.Equal(tid, When(null, Created()).State!.Tid);
    }
}
