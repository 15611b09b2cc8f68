using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Boundaries and less travelled paths of the decider, found by mutation testing.</summary>
public sealed class PaymentDeciderEdgeTests
{
    [Fact]
    public void TerminalIdentified_SameSerialAgain_IsARepeatButAnotherSerialIsRefused()
    {
        var state = Given(Created(), SerialAccepted());

        var same = When(state, SerialAccepted());
        var other = When(state, SerialAccepted("T-2"));
        var refusedSame = When(state, new PaymentEvent.SerialSubmitted(Serial, TerminalVerdict.Disabled));

        Assert.Equal(DecisionOutcome.Unchanged, same.Outcome);
        Assert.Equal("terminal-already-identified", other.Rejection!.Code);
        Assert.Equal("terminal-already-identified", refusedSame.Rejection!.Code);
        Assert.Equal(Serial, other.State!.SerialNumber);
    }

    [Fact]
    public void Denied_AbortConfirmedThenLateApproval_StillVoidsTheCharge()
    {
        var charging = Given(Charging())!;
        var timedOut = When(charging, new PaymentEvent.DeadlineReached(), charging.Deadline!.Value).State;
        var abortAnswered = When(timedOut, Result(2, TerminalCommandType.Abort, TerminalResultStatus.Failed)).State!;

        var late = When(abortAnswered, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved));

        Assert.Null(abortAnswered.FindCommand($"{PaymentId}-1")!.Result);
        Assert.Equal(TerminalResultStatus.Failed, abortAnswered.FindCommand($"{PaymentId}-2")!.Result);
        Assert.Equal(TerminalCommandType.Void, Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(late.Effects)).Command.Type);
    }

    [Fact]
    public void Denied_LateDeclineAfterTimeout_IsRecordedWithoutEffects()
    {
        var charging = Given(Charging())!;
        var timedOut = When(charging, new PaymentEvent.DeadlineReached(), charging.Deadline!.Value).State;

        var decision = When(timedOut, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Declined));

        Assert.Equal(DecisionOutcome.Changed, decision.Outcome);
        Assert.Empty(decision.Effects);
        Assert.StartsWith("Late charge result", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Approved, "Void PAY1-2 confirmed")]
    [InlineData(TerminalResultStatus.Failed, "OPERATOR ALERT: void PAY1-2 for cancellation C1 was failed")]
    public void Approved_VoidResult_IsRecordedAndAFailureAlertsOperators(TerminalResultStatus status, string note)
    {
        var voided = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1")).State;

        var decision = When(voided, Result(2, TerminalCommandType.Void, status));

        Assert.StartsWith(note, Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
        Assert.Equal(status, decision.State!.FindCommand($"{PaymentId}-2")!.Result);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Declined, "Declined on the terminal.")]
    [InlineData(TerminalResultStatus.Aborted, "The payment was aborted on the terminal.")]
    [InlineData(TerminalResultStatus.Failed, "The terminal failed to process the payment.")]
    public void AwaitingTerminal_ResultWithoutMessage_GetsAClearDefault(TerminalResultStatus status, string message)
    {
        var silent = new PaymentEvent.TerminalResultReceived(Serial, new TerminalResult
        {
            CommandId = $"{PaymentId}-1", PaymentId = PaymentId, Type = TerminalCommandType.Charge, Status = status,
        });

        var decision = When(Given(Charging()), silent);

        Assert.Equal(message, decision.State!.Message);
    }

    [Fact]
    public void AwaitingTerminal_Cancellation_RecordsTheAbortCommand()
    {
        var decision = When(Given(Charging()), new PaymentEvent.CancellationRequested("C1"));

        Assert.Equal([TerminalCommandType.Charge, TerminalCommandType.Abort], decision.State!.Commands.Select(c => c.Type));
        Assert.Equal("C1", decision.State.Commands[1].RequestId);
        Assert.Equal(("cancelled", "Cancelled by VTEX before the payment completed."), (decision.State.Code, decision.State.Message));
    }

    [Fact]
    public void Approved_Cancellation_RecordsTheVoidCommandAndRepeatsAreStable()
    {
        var decision = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1"));
        var repeat = When(decision.State, new PaymentEvent.CancellationRequested("C1"));
        var voided = When(decision.State, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)).State;
        var another = When(voided, new PaymentEvent.CancellationRequested("C2"));

        Assert.Equal(TerminalCommandType.Void, decision.State!.Commands[^1].Type);
        Assert.Equal(DecisionOutcome.Unchanged, repeat.Outcome);
        Assert.Empty(another.Effects);
        Assert.Equal("Already cancelled.", another.State!.FindOperation("C2")!.Message);
        Assert.NotEqual(voided!.FindOperation("C1")!.OperationId, another.State.FindOperation("C2")!.OperationId);
    }

    [Fact]
    public void TestSuiteApproved_Cancellation_NeedsNoTerminal()
    {
        var decision = When(Given(Created(flow: TestSuiteFlow.Approved)), new PaymentEvent.CancellationRequested("C1"));

        Assert.True(decision.State!.Voided);
        Assert.Empty(decision.Effects);
        Assert.Empty(decision.State.Commands);
    }

    [Fact]
    public void Denied_Cancellation_AnswersWithAnIdAndNothingToDo()
    {
        var denied = When(Given(Charging()), Result(1, TerminalCommandType.Charge, TerminalResultStatus.Declined)).State;

        var decision = When(denied, new PaymentEvent.CancellationRequested("C1"));

        var op = decision.State!.FindOperation("C1")!;
        Assert.Equal((OperationStatus.Completed, "TID-1-C1"), (op.Status, op.OperationId));
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Approved_ManualCancellation_HasNoOperationId()
    {
        var settled = When(Given(Approved()), new PaymentEvent.SettlementRequested("S1", 10m)).State;

        var op = When(settled, new PaymentEvent.CancellationRequested("C1")).State!.FindOperation("C1")!;

        Assert.Null(op.OperationId);
    }

    [Fact]
    public void Voided_Settlement_IsRefused()
    {
        var cancelling = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1")).State;
        var voided = When(cancelling, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)).State;

        var decision = When(voided, new PaymentEvent.SettlementRequested("S1", 10m));

        Assert.Equal("payment-not-approved", decision.Rejection!.Code);
        Assert.Contains("cancelled after approval", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_ZeroAmounts_AreRefusedAndTheExactRemainderIsAccepted()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 100m)).State;

        var zeroSettle = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S0", 0m));
        var zeroRefund = When(settled, new PaymentEvent.RefundRequested("R0", 0m));
        var exactRefund = When(settled, new PaymentEvent.RefundRequested("R1", 100m));
        var repeatSettle = When(settled, new PaymentEvent.SettlementRequested("S1", 100m));

        Assert.Equal("settle-exceeds-authorized", zeroSettle.Rejection!.Code);
        Assert.Equal("refund-exceeds-settled", zeroRefund.Rejection!.Code);
        Assert.Equal(DecisionOutcome.Changed, exactRefund.Outcome);
        Assert.Equal(DecisionOutcome.Unchanged, repeatSettle.Outcome);
    }

    [Fact]
    public void Approved_TwoPendingRefunds_ConfirmingOneLeavesTheOtherPending()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 100m)).State;
        var first = When(settled, new PaymentEvent.RefundRequested("R1", 10m)).State;
        var second = When(first, new PaymentEvent.RefundRequested("R2", 10m)).State;

        var decision = When(second, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved));

        Assert.Equal(OperationStatus.Completed, decision.State!.FindOperation("R1")!.Status);
        Assert.Equal(OperationStatus.Pending, decision.State.FindOperation("R2")!.Status);
        Assert.Equal(("Refunded on the terminal.", "Refund R1 of 10.00 confirmed."),
            (decision.State.FindOperation("R1")!.Message, Assert.Single(decision.Recorded).Note));
    }

    [Fact]
    public void Approved_RefundDeclined_AlertsOperators()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 100m)).State;
        var refund = When(settled, new PaymentEvent.RefundRequested("R1", 10m)).State;

        var decision = When(refund, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined));

        Assert.StartsWith("OPERATOR ALERT: refund R1 of 10.00 was declined", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
        Assert.Equal("The terminal declined the refund of 10.00: nothing was returned to the card. Refund it at the acquirer, or start a new refund with the card present.",
            decision.State!.FindOperation("R1")!.Message);
    }

    [Fact]
    public void TestSuiteApproved_Refund_CompletesWithoutTerminal()
    {
        var settled = When(Given(Created(flow: TestSuiteFlow.Approved)), new PaymentEvent.SettlementRequested("S1", null)).State;

        var decision = When(settled, new PaymentEvent.RefundRequested("R1", 5m));

        Assert.Empty(decision.Effects);
        Assert.Equal(OperationStatus.Completed, decision.State!.FindOperation("R1")!.Status);
        Assert.Equal(5m, decision.State.RefundedAmount);
    }

    [Fact]
    public void TestSuite_Flows_CarryTheirCardsFragmentsAndCallbackPolicy()
    {
        var syncApproved = When(null, Created(flow: TestSuiteFlow.Approved)).State!;
        var syncDenied = When(null, Created(flow: TestSuiteFlow.Denied)).State!;
        var asyncState = Given(Created(flow: TestSuiteFlow.AsyncApproved));
        var asyncApproved = When(asyncState, new PaymentEvent.DeadlineReached(), Start.AddMinutes(1)).State!;

        Assert.Equal(("Approved.", CallbackStatus.None), (syncApproved.Message, syncApproved.Callback));
        Assert.Equal(CallbackStatus.None, syncDenied.Callback);
        Assert.Equal(("422222", "2224"), (asyncApproved.Authorization!.FirstDigits, asyncApproved.Authorization.LastDigits));
        Assert.Equal(($"TS-{PaymentId}", $"NSU-{PaymentId}", "TestSuite"),
            (asyncApproved.Authorization.AuthorizationId, asyncApproved.Authorization.Nsu, asyncApproved.Authorization.Acquirer));
        Assert.Equal(CallbackStatus.Pending, asyncApproved.Callback);
        Assert.Equal(("444433", "1112"), TestSuiteCards.Fragments(TestSuiteFlow.Denied));
        Assert.Equal(("422222", "2225"), TestSuiteCards.Fragments(TestSuiteFlow.AsyncDenied));
    }

    [Fact]
    public void IdentifyingTerminal_Answer_StatesWhatHappensNext()
    {
        var identifying = Given(Created())!;
        var waiting = Given(Charging())!;

        Assert.Equal(("pos-identify-terminal", "Scan the payment terminal's barcode to start the payment."), (identifying.Code, identifying.Message));
        Assert.Equal(("pos-awaiting-terminal", "Waiting for the customer on terminal T-1."), (waiting.Code, waiting.Message));
        Assert.Equal("pos-terminal-identified", Given(Created(), SerialAccepted())!.Code);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Approved, "approved")]
    [InlineData(TerminalResultStatus.Declined, "terminal-declined")]
    public void AwaitingTerminal_ResultMessage_IsKeptAndTheCallbackIsOwed(TerminalResultStatus status, string code)
    {
        var decision = When(Given(Charging()), Result(1, TerminalCommandType.Charge, status));

        Assert.Equal((code, "done", CallbackStatus.Pending), (decision.State!.Code, decision.State.Message, decision.State.Callback));
    }

    [Fact]
    public void IdentifyingTerminal_SerialRefused_OwesTheCallback()
    {
        var decision = When(Given(Created()), new PaymentEvent.SerialSubmitted("X-9", TerminalVerdict.Unknown));

        Assert.Equal(CallbackStatus.Pending, decision.State!.Callback);
    }

    [Fact]
    public void TestSuiteAsyncDenied_DeadlineReached_DeniesAndCallsBack()
    {
        var decision = When(Given(Created(flow: TestSuiteFlow.AsyncDenied)), new PaymentEvent.DeadlineReached(), Start.AddMinutes(1));

        Assert.Equal((PaymentPhase.Denied, "test-suite-denied", CallbackStatus.Pending), (decision.State!.Phase, decision.State.Code, decision.State.Callback));
        Assert.Equal("denied", CallbackBody(decision).Status);
    }

    [Fact]
    public void CallbackDelivered_NotesTheAttempts_OrThatTheSweepDeliveredIt()
    {
        var approved = Given(Approved())!;

        Assert.Equal("Callback delivered after 2 attempt(s).", Assert.Single(When(approved, new PaymentEvent.CallbackDelivered(2)).Recorded).Note);
        Assert.Equal("Callback delivered after 1 attempt(s).", Assert.Single(When(approved, new PaymentEvent.CallbackDelivered(1)).Recorded).Note);
        Assert.Equal("Callback delivered by the sweep (its retry chain was lost).",
            Assert.Single(When(approved, new PaymentEvent.CallbackDelivered(0)).Recorded).Note);
    }
}
