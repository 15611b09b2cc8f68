using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>
/// What people read: the audit note of each transition (the admin route shows it; "OPERATOR ALERT: ..." notes drive the
/// alerts), the code and message VTEX and the Sales App get, and each operation's answer. One row per transition.
/// </summary>
public sealed class PaymentDeciderNotesTests
{
    private static PaymentEvent.CancellationRequested Cancel(string requestId, decimal? value = null) => new(requestId, value);

    private static PaymentEvent.SettlementRequested Settle(string requestId, decimal? value = null) => new(requestId, value);

    private static PaymentEvent.RefundRequested Refund(string requestId, decimal value) => new(requestId, value);

    private static PaymentEvent.TerminalResultReceived ChargeResultWithoutMessage(TerminalResultStatus status)
    {
        var result = (PaymentEvent.TerminalResultReceived)Result(1, TerminalCommandType.Charge, status);
        return result with { Result = result.Result with { Message = null } };
    }

    private static PaymentState Identifying => Given(Created())!;

    private static PaymentState Identified => Given(Created(), SerialAccepted())!;

    private static PaymentState ChargingState => Given(Charging())!;

    private static PaymentState ApprovedState => Given(Approved())!;

    /// <summary>Denied by the deadline: the charge PAY1-1 is left unanswered, the abort PAY1-2 sent.</summary>
    private static PaymentState TimedOut => When(ChargingState, new PaymentEvent.DeadlineReached(), ChargingState.Deadline!.Value).State!;

    /// <summary>A late approval after the timeout: void PAY1-3 sent.</summary>
    private static PaymentState LateVoiding => When(TimedOut, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved)).State!;

    /// <summary>Cancellation C1 of the whole approved payment: void PAY1-2 sent.</summary>
    private static PaymentState Voiding => Given([.. Approved(), Cancel("C1")])!;

    private static PaymentState VoidDeclined =>
        Given([.. Approved(), Cancel("C1"), Result(2, TerminalCommandType.Void, TerminalResultStatus.Declined)])!;

    /// <summary>Cancellation C1 of 12.50 (1250 in cents): refund PAY1-2 sent.</summary>
    private static PaymentState PartlyCancelling => Given([.. Approved(), Cancel("C1", 1250m)])!;

    private static PaymentState Settled => Given([.. Approved(), Settle("S1")])!;

    /// <summary>Refund R1 of 10.00 after a full settlement: refund PAY1-2 sent.</summary>
    private static PaymentState Refunding => Given([.. Approved(), Settle("S1"), Refund("R1", 10m)])!;

    private static PaymentState TestSuiteApproved => Given(Created(flow: TestSuiteFlow.Approved))!;

    private static readonly Dictionary<string, (Func<Decision> Decide, string Note)> Notes = new()
    {
        ["created"] = (() => When(null, Created()), "Payment created; asked Sales App to identify the terminal."),
        ["serial accepted"] = (() => When(Identifying, SerialAccepted()), "Terminal T-1 accepted."),
        ["charge sent"] = (() => When(Identified, Created()),
            "Charge PAY1-1 sent to terminal T-1; wait 180 s, deadline 2026-11-24T10:03:30.0000000+00:00."),
        ["identified too late"] = (() => When(Identified, Created(), Start.AddSeconds(560)),
            "Denied (identify-too-late): Terminal T-1 was identified too late to charge before VTEX cancels the payment."),
        ["terminal disabled"] = (() => When(Identifying, new PaymentEvent.SerialSubmitted("T-9", TerminalVerdict.Disabled)),
            "Denied (terminal-disabled): Terminal T-9 is disabled for payments, so this payment is now denied: start the sale again and scan a registered terminal of this store."),
        ["terminal of another store"] = (() => When(Identifying, new PaymentEvent.SerialSubmitted("T-9", TerminalVerdict.OtherStore)),
            "Denied (terminal-other-store): Terminal T-9 belongs to another store than this payment's, so this payment is now denied: start the sale again and scan a registered terminal of this store."),
        ["terminal unknown"] = (() => When(Identifying, new PaymentEvent.SerialSubmitted("T-9", TerminalVerdict.Unknown)),
            "Denied (terminal-unknown): Terminal T-9 is not registered with this connector, so this payment is now denied: start the sale again and scan a registered terminal of this store."),
        ["approved"] = (() => When(ChargingState, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved)),
            "Approved: authorization AUT-1, Visa 411111******1111."),
        ["declined with the terminal's message"] = (() => When(ChargingState, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Declined)),
            "Denied (terminal-declined): done"),
        ["declined without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Declined)),
            "Denied (terminal-declined): Declined on the terminal."),
        ["aborted with the terminal's message"] = (() => When(ChargingState, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Aborted)),
            "Denied (terminal-aborted): done"),
        ["failed with the terminal's message"] = (() => When(ChargingState, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Failed)),
            "Denied (terminal-failed): done"),
        ["aborted without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Aborted)),
            "Denied (terminal-aborted): The payment was aborted on the terminal."),
        ["failed without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Failed)),
            "Denied (terminal-failed): The terminal failed to process the payment."),
        ["deadline early"] = (() => When(ChargingState, new PaymentEvent.DeadlineReached(), Start.AddSeconds(60)),
            "Deadline message arrived early; rescheduled for 2026-11-24T10:02:32.0000000+00:00."),
        ["terminal timeout"] = (() => When(ChargingState, new PaymentEvent.DeadlineReached(), ChargingState.Deadline!.Value),
            "Denied (terminal-timeout): The terminal did not answer within 150 seconds; the charge was aborted."),
        ["late approval"] = (() => When(TimedOut, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved)),
            "Late approval AUT-1 after the payment was denied: void PAY1-3 sent."),
        ["late decline"] = (() => When(TimedOut, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Declined)),
            "Late charge result after the payment ended: declined."),
        ["abort confirmed"] = (() => When(TimedOut, Result(2, TerminalCommandType.Abort, TerminalResultStatus.Aborted)),
            "Abort PAY1-2 confirmed by the terminal."),
        ["abort declined"] = (() => When(TimedOut, Result(2, TerminalCommandType.Abort, TerminalResultStatus.Declined)),
            "Abort PAY1-2 was declined by the terminal; a late approval will be voided."),
        ["late approval's void confirmed"] = (() => When(LateVoiding, Result(3, TerminalCommandType.Void, TerminalResultStatus.Approved)),
            "Void PAY1-3 confirmed by the terminal."),
        ["late approval's void declined"] = (() => When(LateVoiding, Result(3, TerminalCommandType.Void, TerminalResultStatus.Declined)),
            "OPERATOR ALERT: void PAY1-3 was declined; reverse the charge manually."),
        ["cancelled before the charge"] = (() => When(Identifying, Cancel("C1")), "Cancelled (C1) before any charge was made."),
        ["cancelled while charging"] = (() => When(ChargingState, Cancel("C1")),
            "Cancelled (C1) while awaiting the terminal; abort PAY1-2 sent."),
        ["cancellation of an approved payment"] = (() => When(ApprovedState, Cancel("C1")), "Cancellation C1: void PAY1-2 sent."),
        ["cancellation's void confirmed"] = (() => When(Voiding, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)),
            "Void PAY1-2 confirmed by the terminal: payment cancelled (C1)."),
        ["cancellation's void declined"] = (() => When(Voiding, Result(2, TerminalCommandType.Void, TerminalResultStatus.Declined)),
            "OPERATOR ALERT: void PAY1-2 for cancellation C1 was declined; cancel the payment manually."),
        ["cancellation of a voided payment"] = (() => When(
                When(Voiding, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)).State, Cancel("C2")),
            "Cancellation C2 repeated on a voided payment."),
        ["cancellation while the void is pending"] = (() => When(Voiding, Cancel("C2")), "Cancellation C2 joins the void PAY1-2 already sent."),
        ["cancellation while a second void is pending"] = (() => When(When(VoidDeclined, Cancel("C2")).State, Cancel("C3")),
            "Cancellation C3 joins the void PAY1-3 already sent."),
        ["cancellation of a denied payment"] = (() => When(TimedOut, Cancel("C1")), "Cancellation C1 of a payment that was already denied."),
        ["partial cancellation"] = (() => When(ApprovedState, Cancel("C1", 1250m)),
            "Cancellation C1 of 12.50 (of 31.90 authorized): refund PAY1-2 sent."),
        ["partial cancellation's refund confirmed"] = (() => When(PartlyCancelling, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)),
            "Refund PAY1-2 confirmed by the terminal: cancellation C1 returned 12.50 of 31.90."),
        ["partial cancellation's refund declined"] = (() => When(PartlyCancelling, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)),
            "OPERATOR ALERT: refund PAY1-2 of 12.50 for cancellation C1 was declined; return 12.50 to the card manually."),
        ["cancellation of a settled payment"] = (() => When(Settled, Cancel("C1")), "Cancellation C1 refused: the payment is settled."),
        ["ambiguous cancellation"] = (() => When(ApprovedState, Cancel("C1", 10m)),
            "OPERATOR ALERT: cancellation C1 with value 10.00 can mean 0.10 or 10.00 of 31.90 still cancellable; " +
            "nothing was returned to the card. Return the right amount manually."),
        ["cancellation of a fully cancelled payment"] = (() => When(Given([.. Approved(), Cancel("C1", 1250m),
                Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved), Cancel("C2"),
                Result(3, TerminalCommandType.Refund, TerminalResultStatus.Approved)]), Cancel("C3")),
            "Cancellation C3 of a payment already fully cancelled."),
        ["Test Suite cancellation"] = (() => When(TestSuiteApproved, Cancel("C1")), "Approved payment cancelled (C1)."),
        ["Test Suite partial cancellation"] = (() => When(TestSuiteApproved, Cancel("C1", 1000m)), "Cancelled 10.00 (C1, Test Suite)."),
        ["full settlement"] = (() => When(ApprovedState, Settle("S1")), "Settled 31.90 (S1)."),
        ["partial settlement"] = (() => When(ApprovedState, Settle("S1", 10m)),
            "Settled 10.00 (S1). OPERATOR ALERT: 21.90 of 31.90 captured at the terminal is not settled and the customer still pays it; " +
            "a later settlement or a cancellation of 21.90 covers it, otherwise refund it at the acquirer."),
        ["Test Suite partial settlement"] = (() => When(TestSuiteApproved, Settle("S1", 10m)), "Settled 10.00 (S1)."),
        ["refund sent"] = (() => When(Settled, Refund("R1", 10m)), "Refund 10.00 (R1) sent as PAY1-2."),
        ["refund confirmed"] = (() => When(Refunding, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)),
            "Refund R1 of 10.00 confirmed."),
        ["refund declined"] = (() => When(Refunding, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)),
            "OPERATOR ALERT: refund R1 of 10.00 was declined by the terminal; nothing was returned to the card. " +
            "VTEX gets 500 refund-declined; refund it at the acquirer or start a new refund."),
        ["Test Suite refund"] = (() => When(Given(Created(flow: TestSuiteFlow.Approved), Settle("S1")), Refund("R1", 10m)),
            "Refunded 10.00 (R1, Test Suite)."),
        ["Test Suite approved"] = (() => When(null, Created(flow: TestSuiteFlow.Approved)), "Approved: authorization TS-PAY1, Visa 444433******1111."),
        ["Test Suite denied"] = (() => When(null, Created(flow: TestSuiteFlow.Denied)), "Denied (test-suite-denied): Denied (Test Suite card)."),
        ["Test Suite asynchronous"] = (() => When(null, Created(flow: TestSuiteFlow.AsyncApproved)), "Test Suite asynchronous payment created."),
        ["Test Suite asynchronous denied"] = (() => When(Given(Created(flow: TestSuiteFlow.AsyncDenied)), new PaymentEvent.DeadlineReached(),
                Given(Created(flow: TestSuiteFlow.AsyncDenied))!.Deadline!.Value),
            "Denied (test-suite-denied): Denied (Test Suite card)."),
        ["callback delivered"] = (() => When(ApprovedState, new PaymentEvent.CallbackDelivered(3)), "Callback delivered after 3 attempt(s)."),
        ["callback abandoned"] = (() => When(ApprovedState, new PaymentEvent.CallbackAbandoned(5, "HTTP 503")),
            "OPERATOR ALERT: callback abandoned after 5 attempt(s): HTTP 503"),
    };

    public static TheoryData<string> Transitions() => [.. Notes.Keys];

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Decide_Transition_RecordsItsNote(string transition)
    {
        var (decide, note) = Notes[transition];

        var decision = decide();

        Assert.Equal(DecisionOutcome.Changed, decision.Outcome);
        Assert.Equal(note, Assert.Single(decision.Recorded).Note);
    }

    private static readonly Dictionary<string, (Func<Decision> Decide, string Code, string Message)> Rejections = new()
    {
        ["serial change once identified"] = (() => When(Identified, SerialAccepted("T-2")), "terminal-already-identified",
            "This payment is already in progress; the serial cannot change now."),
        ["serial change while charging"] = (() => When(ChargingState, SerialAccepted("T-2")), "terminal-already-identified",
            "This payment is already in progress; the serial cannot change now."),
        ["serial for a denied payment"] = (() => When(TimedOut, SerialAccepted()), "payment-ended",
            "This payment is already denied; no terminal can start it."),
        ["serial for a cancelled payment"] = (() => When(Given(Created(), Cancel("C1")), SerialAccepted()), "payment-ended",
            "This payment is already cancelled; no terminal can start it."),
        ["terminal busy since"] = (() => When(Identifying, new PaymentEvent.SerialSubmitted("T-1", TerminalVerdict.Busy, Start.AddSeconds(30))),
            "terminal-busy", "Terminal T-1 is busy with another payment (started 10:00:30 UTC); finish or cancel it on the terminal, or choose another terminal."),
        ["terminal busy"] = (() => When(Identifying, new PaymentEvent.SerialSubmitted("T-1", TerminalVerdict.Busy)),
            "terminal-busy", "Terminal T-1 is busy with another payment; finish or cancel it on the terminal, or choose another terminal."),
        ["unknown command"] = (() => When(ChargingState, Result(9, TerminalCommandType.Charge, TerminalResultStatus.Approved)),
            "unknown-command", "No command PAY1-9 was sent for this payment."),
        ["result from another terminal"] = (() => When(ChargingState, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved, "T-2")),
            "wrong-terminal", "Command PAY1-1 was sent to another terminal, not T-2."),
        ["result of another type"] = (() => When(ChargingState, Result(1, TerminalCommandType.Void, TerminalResultStatus.Approved)),
            "result-mismatch", "Command PAY1-1 is a Charge and needs a status."),
        ["cancellation while the rest is being refunded"] = (() => When(Given([.. Approved(), Cancel("C1", 1250m), Cancel("C2")]), Cancel("C3")),
            "cancel-pending", "The rest of this payment is being cancelled on the terminal; retry."),
        ["cancellation beyond the amount, whole value"] = (() => When(ApprovedState, Cancel("C1", 5000m)), "cancel-exceeds-authorized",
            "Cannot cancel a value of 5000.00: neither 50.00 (in cents) or 5000.00 is above 0 and within the 31.90 of 31.90 that can still be cancelled."),
        ["cancellation beyond the amount, fractional value"] = (() => When(ApprovedState, Cancel("C1", 40.5m)), "cancel-exceeds-authorized",
            "Cannot cancel a value of 40.50: neither 40.50 is above 0 and within the 31.90 of 31.90 that can still be cancelled."),
        ["settlement while the void is pending"] = (() => When(Voiding, Settle("S1")), "payment-not-approved",
            "Only approved payments can be settled; this one is being cancelled (void pending)."),
        ["settlement of a voided payment"] = (() => When(When(Voiding, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)).State, Settle("S1")),
            "payment-not-approved", "Only approved payments can be settled; this one is cancelled after approval."),
        ["settlement beyond the amount"] = (() => When(ApprovedState, Settle("S1", 40m)), "settle-exceeds-authorized",
            "Cannot settle 40.00: 31.90 of 31.90 remains to settle."),
        ["settlement beyond what a pending cancellation leaves"] = (() => When(PartlyCancelling, Settle("S1", 30m)), "settle-exceeds-authorized",
            "Cannot settle 30.00: 19.40 of 31.90 remains to settle (12.50 was cancelled)."),
        ["refund while the void is pending"] = (() => When(Voiding, Refund("R1", 10m)), "payment-not-approved",
            "Only approved payments can be refunded; this one is being cancelled (void pending)."),
        ["refund of a denied payment"] = (() => When(TimedOut, Refund("R1", 1m)), "payment-not-approved",
            "Only approved payments can be refunded; this one is denied."),
        ["refund beyond the settled amount"] = (() => When(Settled, Refund("R1", 40m)), "refund-exceeds-settled",
            "Cannot refund 40.00: 31.90 of 31.90 settled remains refundable."),
    };

    public static TheoryData<string> Refusals() => [.. Rejections.Keys];

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Decide_RefusedInput_AnswersItsCodeAndMessageAndRecordsThem(string refusal)
    {
        var (decide, code, message) = Rejections[refusal];

        var decision = decide();

        Assert.Equal(DecisionOutcome.Rejected, decision.Outcome);
        Assert.Equal((code, message), (decision.Rejection!.Code, decision.Rejection.Message));
        Assert.Equal($"Rejected ({code}): {message}", Assert.Single(decision.Recorded).Note);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Decide_NoPayment_AnswersNotFoundWithoutRecording()
    {
        var decision = When(null, Cancel("C1"));

        Assert.Equal(("payment-not-found", "No payment with this id exists."), (decision.Rejection!.Code, decision.Rejection.Message));
        Assert.Empty(decision.Recorded);
    }

    private static readonly Dictionary<string, (Func<PaymentState> State, string Code, string Message)> Answers = new()
    {
        ["created"] = (() => Identifying, "pos-identify-terminal", "Scan the payment terminal's barcode to start the payment."),
        ["identified"] = (() => Identified, "pos-terminal-identified", "Terminal T-1 identified; starting the payment."),
        ["charging"] = (() => ChargingState, "pos-awaiting-terminal", "Waiting for the customer on terminal T-1."),
        ["approved with the terminal's message"] = (() => ApprovedState, "approved", "done"),
        ["approved without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Approved)).State!,
            "approved", "Approved."),
        ["declined without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Declined)).State!,
            "terminal-declined", "Declined on the terminal."),
        ["aborted without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Aborted)).State!,
            "terminal-aborted", "The payment was aborted on the terminal."),
        ["failed without a message"] = (() => When(ChargingState, ChargeResultWithoutMessage(TerminalResultStatus.Failed)).State!,
            "terminal-failed", "The terminal failed to process the payment."),
        ["cancelled"] = (() => When(ChargingState, Cancel("C1")).State!, "cancelled", "Cancelled by VTEX before the payment completed."),
        ["Test Suite asynchronous"] = (() => Given(Created(flow: TestSuiteFlow.AsyncApproved))!, "test-suite-pending",
            "Test Suite asynchronous flow: the final status follows by callback."),
        ["Test Suite denied"] = (() => Given(Created(flow: TestSuiteFlow.Denied))!, "test-suite-denied", "Denied (Test Suite card)."),
    };

    public static TheoryData<string> Phases() => [.. Answers.Keys];

    [Theory]
    [MemberData(nameof(Phases))]
    public void CreatePayment_State_AnswersItsCodeAndMessage(string phase)
    {
        var (state, code, message) = Answers[phase];

        var answer = PaymentAnswers.CreatePayment(state());

        Assert.Equal((code, message), (answer.Code, answer.Message));
    }

    private static readonly Dictionary<string, (Func<PaymentState> State, string RequestId, OperationStatus Status, string? Code, string Message)> Operations = new()
    {
        ["cancelled before the charge"] = (() => Given(Created(), Cancel("C1"))!, "C1", OperationStatus.Completed, null, "Successfully cancelled."),
        ["void pending"] = (() => Voiding, "C1", OperationStatus.Pending, "cancel-pending", "Void sent to terminal T-1; waiting for its confirmation."),
        ["void confirmed"] = (() => When(Voiding, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)).State!,
            "C1", OperationStatus.Completed, null, "Successfully cancelled."),
        ["void declined"] = (() => VoidDeclined, "C1", OperationStatus.Manual, "cancel-manually",
            "The terminal answered the void declined; cancel the payment manually."),
        ["cancellation of a voided payment"] = (() => Given([.. Approved(), Cancel("C1"), Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved), Cancel("C2")])!,
            "C2", OperationStatus.Completed, null, "Already cancelled."),
        ["partial refund pending"] = (() => PartlyCancelling, "C1", OperationStatus.Pending, "cancel-pending",
            "Refund of 12.50 sent to terminal T-1; waiting for its confirmation."),
        ["partial refund confirmed"] = (() => When(PartlyCancelling, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State!,
            "C1", OperationStatus.Completed, null, "Successfully cancelled."),
        ["partial refund declined"] = (() => When(PartlyCancelling, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)).State!,
            "C1", OperationStatus.Manual, "cancel-manually", "The terminal answered the refund of 12.50 declined; return 12.50 to the card manually."),
        ["cancellation of a fully cancelled payment"] = (() => Given([.. Approved(), Cancel("C1", 1250m),
                Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved), Cancel("C2"),
                Result(3, TerminalCommandType.Refund, TerminalResultStatus.Approved), Cancel("C3")])!,
            "C3", OperationStatus.Completed, null, "Already cancelled."),
        ["cancellation of a denied payment"] = (() => When(TimedOut, Cancel("C1")).State!, "C1", OperationStatus.Completed, null,
            "The payment was not approved; nothing to cancel."),
        ["cancellation of a settled payment"] = (() => When(Settled, Cancel("C1")).State!, "C1", OperationStatus.Manual, "cancel-manually",
            "The payment is already settled: refund it instead."),
        ["ambiguous cancellation"] = (() => When(ApprovedState, Cancel("C1", 10m)).State!, "C1", OperationStatus.Manual, "cancel-manually",
            "The cancellation value 10.00 can mean 0.10 or 10.00; nothing was returned. Cancel it manually."),
        ["Test Suite cancellation"] = (() => When(TestSuiteApproved, Cancel("C1", 1000m)).State!, "C1", OperationStatus.Completed, null,
            "Successfully cancelled."),
        ["settlement"] = (() => Settled, "S1", OperationStatus.Completed, null, "Successfully settled."),
        ["refund pending"] = (() => Refunding, "R1", OperationStatus.Pending, "refund-pending", "Refund sent to terminal T-1; waiting for its confirmation."),
        ["refund confirmed"] = (() => When(Refunding, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State!,
            "R1", OperationStatus.Completed, null, "Refunded on the terminal."),
        ["refund declined"] = (() => When(Refunding, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)).State!,
            "R1", OperationStatus.Failed, "refund-declined",
            "The terminal declined the refund of 10.00: nothing was returned to the card. Refund it at the acquirer, or start a new refund with the card present."),
        ["Test Suite refund"] = (() => When(Given(Created(flow: TestSuiteFlow.Approved), Settle("S1")), Refund("R1", 10m)).State!,
            "R1", OperationStatus.Completed, null, "Successfully refunded."),
    };

    public static TheoryData<string> OperationCases() => [.. Operations.Keys];

    [Theory]
    [MemberData(nameof(OperationCases))]
    public void Decide_Operation_RecordsItsAnswer(string operation)
    {
        var (state, requestId, status, code, message) = Operations[operation];

        var op = state().FindOperation(requestId)!;

        Assert.Equal((status, code, message), (op.Status, op.Code, op.Message));
    }
}
