using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The payment rules, phase by phase: Given events, When one more, Then exact phase and effects.</summary>
public sealed class PaymentDeciderTests
{
    [Fact]
    public void New_CreatePaymentCalled_AsksToIdentifyTheTerminalWithoutEffects()
    {
        var decision = When(null, Created());

        Assert.Equal(PaymentPhase.IdentifyingTerminal, decision.State!.Phase);
        Assert.Empty(decision.Effects);
        Assert.Equal(PaymentDecider.OwnTid(PaymentId), decision.State.Tid);
        Assert.NotEqual(PaymentId, decision.State.Tid);
        Assert.Equal(Terms, decision.State.Terms);
        Assert.Single(decision.Recorded);
    }

    [Fact]
    public void New_AnyOtherEvent_IsRejectedAsNotFound()
    {
        var decision = When(null, new PaymentEvent.DeadlineReached());

        Assert.Null(decision.State);
        Assert.Equal("payment-not-found", decision.Rejection!.Code);
        Assert.False(decision.MustPersist);
    }

    [Fact]
    public void New_TestSuiteApprovedCard_ApprovesAtOnceWithoutCallback()
    {
        var decision = When(null, Created(flow: TestSuiteFlow.Approved));

        Assert.Equal(PaymentPhase.Approved, decision.State!.Phase);
        Assert.Equal(CallbackStatus.None, decision.State.Callback);
        Assert.Empty(decision.Effects);
        Assert.Equal("444433", decision.State.Authorization!.FirstDigits);
    }

    [Fact]
    public void New_TestSuiteAsyncCard_SchedulesTheResolution()
    {
        var decision = When(null, Created(flow: TestSuiteFlow.AsyncDenied), Start);

        Assert.Equal(PaymentPhase.AwaitingTerminal, decision.State!.Phase);
        var deadline = Assert.IsType<PaymentEffect.ScheduleDeadline>(Assert.Single(decision.Effects));
        Assert.Equal(Start.AddSeconds(Terms.TestSuiteCallbackDelaySeconds), deadline.At);
    }

    [Fact]
    public void TestSuiteAsync_DeadlineReached_ResolvesAndCallsBack()
    {
        var state = Given(Created(flow: TestSuiteFlow.AsyncApproved));

        var decision = When(state, new PaymentEvent.DeadlineReached(), Start.AddMinutes(5));

        Assert.Equal(PaymentPhase.Approved, decision.State!.Phase);
        Assert.Equal("approved", CallbackBody(decision).Status);
        Assert.Empty(decision.State.Commands);
    }

    [Fact]
    public void IdentifyingTerminal_RepeatedCreate_ChangesNothing()
    {
        var state = Given(Created());

        var decision = When(state, Created());

        Assert.Equal(DecisionOutcome.Unchanged, decision.Outcome);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Recorded);
    }

    [Fact]
    public void IdentifyingTerminal_SerialAccepted_WaitsForTheNextCreate()
    {
        var decision = When(Given(Created()), SerialAccepted());

        Assert.Equal(PaymentPhase.TerminalIdentified, decision.State!.Phase);
        Assert.Equal(Serial, decision.State.SerialNumber);
        Assert.Empty(decision.Effects);
    }

    [Theory]
    [InlineData(TerminalVerdict.Unknown, "terminal-unknown")]
    [InlineData(TerminalVerdict.Disabled, "terminal-disabled")]
    public void IdentifyingTerminal_SerialRefused_DeniesAndCallsBack(TerminalVerdict verdict, string code)
    {
        var decision = When(Given(Created()), new PaymentEvent.SerialSubmitted("X-9", verdict));

        Assert.Equal(PaymentPhase.Denied, decision.State!.Phase);
        Assert.Equal(code, decision.State.Code);
        Assert.Contains("X-9", decision.State.Message, StringComparison.Ordinal);
        var notify = Assert.IsType<PaymentEffect.NotifyVtex>(Assert.Single(decision.Effects));
        Assert.Equal("denied", CallbackBody(decision).Status);
        Assert.Equal(Start.AddSeconds(Terms.DelayToCancel), notify.GiveUpAt);
    }

    [Fact]
    public void IdentifyingTerminal_Cancellation_CancelsWithoutAnyCommand()
    {
        var decision = When(Given(Created()), new PaymentEvent.CancellationRequested("C1"));

        Assert.Equal(PaymentPhase.Cancelled, decision.State!.Phase);
        Assert.Empty(decision.Effects);
        Assert.Equal(OperationStatus.Completed, decision.State.FindOperation("C1")!.Status);
        Assert.NotNull(decision.State.FindOperation("C1")!.OperationId);
    }

    [Fact]
    public void TerminalIdentified_CreatePaymentCalled_SendsTheChargeOnceAndSchedulesTheDeadline()
    {
        var state = Given(Created(), SerialAccepted());
        var now = Start.AddMinutes(2);

        var decision = When(state, Created(), now);
        var repeat = When(decision.State, Created(), now.AddSeconds(1));

        Assert.Equal(PaymentPhase.AwaitingTerminal, decision.State!.Phase);
        Assert.Equal(2, decision.Effects.Count);
        var charge = Assert.IsType<PaymentEffect.SendTerminalCommand>(decision.Effects[0]).Command;
        Assert.Equal(new TerminalCommand($"{PaymentId}-1", TerminalCommandType.Charge, PaymentId, Serial, 31.90m, "BRL", 1,
            CardType.Credit, "REF1", now, now.AddSeconds(Terms.TerminalTimeoutSeconds)), charge);
        Assert.Equal(new PaymentEffect.ScheduleDeadline(now.AddSeconds(Terms.TerminalTimeoutSeconds)), decision.Effects[1]);
        Assert.Equal(DecisionOutcome.Unchanged, repeat.Outcome);
        Assert.Empty(repeat.Effects);
    }

    public static TheoryData<string> EveryPhaseOfACreatedPayment() =>
        ["identifying", "identified", "charging", "approved"];

    [Theory]
    [MemberData(nameof(EveryPhaseOfACreatedPayment))]
    public void AnyPhase_CreatePaymentCalledWithAnotherValue_IsRejectedAndChangesNothing(string phase)
    {
        var state = phase switch
        {
            "identifying" => Given(Created()),
            "identified" => Given(Created(), SerialAccepted()),
            "charging" => Given(Charging()),
            _ => Given(Approved()),
        };

        var decision = When(state, Created(319.00m));

        Assert.Equal(DecisionOutcome.Rejected, decision.Outcome);
        Assert.Equal(PaymentDecider.AmountMismatch, decision.Rejection!.Code);
        Assert.Contains("31.90 BRL", decision.Rejection.Message, StringComparison.Ordinal);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
        Assert.StartsWith($"Rejected ({PaymentDecider.AmountMismatch})", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalIdentified_CreatePaymentCalledInAnotherCurrency_SendsNoCharge()
    {
        var state = Given(Created(), SerialAccepted());

        var decision = When(state, new PaymentEvent.CreatePaymentCalled(PaymentId, Order() with { Currency = "USD" }, Terms, null));

        Assert.Equal(PaymentDecider.AmountMismatch, decision.Rejection!.Code);
        Assert.Equal(PaymentPhase.TerminalIdentified, decision.State!.Phase);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void TerminalIdentified_CreatePaymentCalledWithTheSameAmountWrittenAnotherWay_SendsTheCharge()
    {
        var state = Given(Created(31.90m), SerialAccepted());

        var decision = When(state, Created(31.9000m));

        Assert.Equal(DecisionOutcome.Changed, decision.Outcome);
        Assert.Equal(31.90m, Assert.IsType<PaymentEffect.SendTerminalCommand>(decision.Effects[0]).Command.Amount);
    }

    [Fact]
    public void AwaitingTerminal_Approved_RecordsCardFragmentsAndCallsBack()
    {
        var decision = When(Given(Charging()), Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved));

        Assert.Equal(PaymentPhase.Approved, decision.State!.Phase);
        Assert.Equal(CallbackStatus.Pending, decision.State.Callback);
        var body = CallbackBody(decision);
        Assert.Equal(("approved", "AUT-1", "NSU-1", "Acq"), (body.Status, body.AuthorizationId, body.Nsu, body.Acquirer));
        Assert.Equal(("Visa", "411111", "1111"), (body.CardBrand, body.FirstDigits, body.LastDigits));
        Assert.Equal("TID-1", body.Tid);
        Assert.Equal((21600, 1800, 600), (body.DelayToAutoSettle, body.DelayToAutoSettleAfterAntifraud, body.DelayToCancel));
    }

    [Theory]
    [InlineData(TerminalResultStatus.Declined, "terminal-declined")]
    [InlineData(TerminalResultStatus.Failed, "terminal-failed")]
    [InlineData(TerminalResultStatus.Aborted, "terminal-aborted")]
    public void AwaitingTerminal_NotApproved_DeniesAndCallsBack(TerminalResultStatus status, string code)
    {
        var decision = When(Given(Charging()), Result(1, TerminalCommandType.Charge, status));

        Assert.Equal(PaymentPhase.Denied, decision.State!.Phase);
        Assert.Equal(code, decision.State.Code);
        Assert.Equal("denied", CallbackBody(decision).Status);
    }

    [Fact]
    public void AwaitingTerminal_DeadlineMessageEarly_ReschedulesWithoutDenying()
    {
        var state = Given(Charging());

        var decision = When(state, new PaymentEvent.DeadlineReached(), state!.Deadline!.Value.AddSeconds(-1));

        Assert.Equal(PaymentPhase.AwaitingTerminal, decision.State!.Phase);
        Assert.Equal(new PaymentEffect.ScheduleDeadline(state.Deadline.Value), Assert.Single(decision.Effects));
    }

    [Fact]
    public void AwaitingTerminal_DeadlineReached_AbortsTheChargeAndDenies()
    {
        var state = Given(Charging());

        var decision = When(state, new PaymentEvent.DeadlineReached(), state!.Deadline!.Value);

        Assert.Equal(PaymentPhase.Denied, decision.State!.Phase);
        Assert.Equal("terminal-timeout", decision.State.Code);
        Assert.Equal(2, decision.Effects.Count);
        var abort = Assert.IsType<PaymentEffect.SendTerminalCommand>(decision.Effects[0]).Command;
        Assert.Equal((TerminalCommandType.Abort, $"{PaymentId}-2", Serial), (abort.Type, abort.CommandId, abort.SerialNumber));
        Assert.IsType<PaymentEffect.NotifyVtex>(decision.Effects[1]);
    }

    [Fact]
    public void AwaitingTerminal_Cancellation_AbortsWithoutCallback()
    {
        var decision = When(Given(Charging()), new PaymentEvent.CancellationRequested("C1"));

        Assert.Equal(PaymentPhase.Cancelled, decision.State!.Phase);
        var abort = Assert.IsType<PaymentEffect.SendTerminalCommand>(decision.Effects[0]).Command;
        Assert.Equal(TerminalCommandType.Abort, abort.Type);
        Assert.Equal(abort.CommandId, decision.State.FindOperation("C1")!.CommandId);
        Assert.IsType<PaymentEffect.StopWaiting>(Assert.Single(decision.Effects.Skip(1)));
    }

    [Fact]
    public void AwaitingTerminal_ResultFromAnotherTerminal_IsRejectedAndRecorded()
    {
        var state = Given(Charging());

        var decision = When(state, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved, serial: "T-2"));

        Assert.Equal("wrong-terminal", decision.Rejection!.Code);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
        Assert.True(decision.MustPersist);
        Assert.StartsWith("Rejected (wrong-terminal)", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitingTerminal_ResultWithWrongTypeOrUnknownCommand_IsRejected()
    {
        var state = Given(Charging());

        var wrongType = When(state, Result(1, TerminalCommandType.Refund, TerminalResultStatus.Approved));
        var unknown = When(state, Result(7, TerminalCommandType.Charge, TerminalResultStatus.Approved));

        Assert.Equal("result-mismatch", wrongType.Rejection!.Code);
        Assert.Equal("unknown-command", unknown.Rejection!.Code);
    }

    [Fact]
    public void Approved_DuplicateOrContradictoryResult_ChangesNothing()
    {
        var state = Given(Approved());

        var decision = When(state, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Declined));

        Assert.Equal(DecisionOutcome.Unchanged, decision.Outcome);
        Assert.Same(state, decision.State);
    }

    [Fact]
    public void Denied_LateApproval_SendsAVoidAndStaysDenied()
    {
        var charging = Given(Charging());
        var timedOut = When(charging, new PaymentEvent.DeadlineReached(), charging!.Deadline!.Value).State;

        var decision = When(timedOut, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved), charging.Deadline.Value.AddSeconds(3));

        Assert.Equal(PaymentPhase.Denied, decision.State!.Phase);
        var voidCommand = Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command;
        Assert.Equal((TerminalCommandType.Void, $"{PaymentId}-3", 31.90m), (voidCommand.Type, voidCommand.CommandId, voidCommand.Amount));
        Assert.StartsWith("Late approval AUT-1", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_CancellationBeforeSettlement_VoidsOnTheTerminalAndWaitsForIt()
    {
        var decision = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1"));

        Assert.False(decision.State!.Voided);
        Assert.Equal(PaymentPhase.Approved, decision.State.Phase);
        Assert.Equal(TerminalCommandType.Void, Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command.Type);
        var op = decision.State.FindOperation("C1")!;
        Assert.Equal((500, "cancel-pending"), (PaymentAnswers.HttpStatus(op), op.Code));
        Assert.Null(PaymentAnswers.Cancellation(PaymentId, op).CancellationId);
    }

    [Fact]
    public void Approved_CancellationAfterSettlement_AsksForManualCancellation()
    {
        var settled = When(Given(Approved()), new PaymentEvent.SettlementRequested("S1", 10m)).State;

        var decision = When(settled, new PaymentEvent.CancellationRequested("C1"));

        var op = decision.State!.FindOperation("C1")!;
        Assert.Equal(("cancel-manually", 501), (op.Code, PaymentAnswers.HttpStatus(op)));
        Assert.Null(PaymentAnswers.Cancellation(PaymentId, op).CancellationId);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Approved_Settlements_AddUpToTheAuthorizedAmountAndNoFurther()
    {
        var state = Given(Approved(100m));

        var first = When(state, new PaymentEvent.SettlementRequested("S1", 60m));
        var second = When(first.State, new PaymentEvent.SettlementRequested("S2", 40m));
        var third = When(second.State, new PaymentEvent.SettlementRequested("S3", 0.01m));
        var full = When(state, new PaymentEvent.SettlementRequested("S9", null));

        Assert.Equal(100m, second.State!.SettledAmount);
        Assert.Equal("settle-exceeds-authorized", third.Rejection!.Code);
        Assert.Equal(100m, full.State!.SettledAmount);
    }

    [Fact]
    public void Approved_Refund_SendsARefundCommandAndStaysPendingUntilConfirmed()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 100m)).State;

        var refund = When(settled, new PaymentEvent.RefundRequested("R1", 30m));
        var confirmed = When(refund.State, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved));

        var command = Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(refund.Effects)).Command;
        Assert.Equal((TerminalCommandType.Refund, 30m), (command.Type, command.Amount));
        Assert.Equal(500, PaymentAnswers.HttpStatus(refund.State!.FindOperation("R1")!));
        Assert.Equal(70m, refund.State.RefundableAmount);
        Assert.Equal(200, PaymentAnswers.HttpStatus(confirmed.State!.FindOperation("R1")!));
        Assert.Equal(30m, confirmed.State.RefundedAmount);
    }

    [Fact]
    public void Approved_RefundRefusedByTheTerminal_AnswersARetryableFailureNotRefundManually()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 100m)).State;
        var refund = When(settled, new PaymentEvent.RefundRequested("R1", 30m)).State;

        var decision = When(refund, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined));

        var op = decision.State!.FindOperation("R1")!;
        Assert.Equal(("refund-declined", 500, OperationStatus.Failed), (op.Code, PaymentAnswers.HttpStatus(op), op.Status));
        Assert.Equal(0m, decision.State.RefundedAmount);
        Assert.Equal(100m, decision.State.RefundableAmount);
    }

    [Fact]
    public void Approved_RefundBeyondTheSettledAmount_IsRejected()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 50m)).State;

        var decision = When(settled, new PaymentEvent.RefundRequested("R1", 50.01m));

        Assert.Equal("refund-exceeds-settled", decision.Rejection!.Code);
        Assert.Same(settled, decision.State);
    }

    [Fact]
    public void Final_CallbackDeliveredOrAbandoned_IsRecordedOnce()
    {
        var approved = Given(Approved());

        var delivered = When(approved, new PaymentEvent.CallbackDelivered(2));
        var again = When(delivered.State, new PaymentEvent.CallbackAbandoned(3, "x"));
        var abandoned = When(approved, new PaymentEvent.CallbackAbandoned(9, "HTTP 503"));

        Assert.Equal(CallbackStatus.Delivered, delivered.State!.Callback);
        Assert.Equal(DecisionOutcome.Unchanged, again.Outcome);
        Assert.Equal(CallbackStatus.Abandoned, abandoned.State!.Callback);
        Assert.Contains("OPERATOR ALERT", Assert.Single(abandoned.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitingTerminal_ResultCarryingAFullCardNumber_KeepsOnlyValidFragments()
    {
        var state = Given(Charging());
        var leaky = new PaymentEvent.TerminalResultReceived(Serial, new TerminalResult
        {
            CommandId = $"{PaymentId}-1", PaymentId = PaymentId, Type = TerminalCommandType.Charge, Status = TerminalResultStatus.Approved,
            FirstDigits = "4111111111111111", LastDigits = "11111", Message = "card 4111 1111 1111 1111 ok",
        });

        var decision = When(state, leaky);

        Assert.Null(decision.State!.Authorization!.FirstDigits);
        Assert.Null(decision.State.Authorization.LastDigits);
        Assert.DoesNotContain("4111 1111", decision.State.Message, StringComparison.Ordinal);
    }
}
