using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Rules checked against VTEX's own pages for homologation: tid, cancellation by void, waits, stores, messages.</summary>
public sealed class PaymentDeciderHomologationTests
{
    private static PaymentEvent.TerminalResultReceived ChargeResult(TerminalResultStatus status, string? tid, string? firstDigits = "411111") =>
        new PaymentEvent.TerminalResultReceived(Serial, new TerminalResult
        {
            CommandId = $"{PaymentId}-1", PaymentId = PaymentId, Type = TerminalCommandType.Charge, Status = status,
            AuthorizationId = "AUT-9", Nsu = "NSU-9", Tid = tid, CardBrand = "Visa", FirstDigits = firstDigits, LastDigits = "1111",
        });

    [Fact]
    public void Tid_BeforeTheTerminalAnswers_IsOurOwnStableIdNotVtexsPaymentId()
    {
        var first = When(null, Created()).State!;
        var charging = Given(Charging())!;

        Assert.NotEqual(PaymentId, first.Tid);
        Assert.Equal(first.Tid, charging.Tid);
        Assert.Equal(first.Tid, PaymentAnswers.CreatePayment(charging).Tid);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Approved)]
    [InlineData(TerminalResultStatus.Declined)]
    public void Tid_TheTerminalsTransactionId_ReplacesOursInTheCallback(TerminalResultStatus status)
    {
        var decision = When(Given(Charging()), ChargeResult(status, "ACQ-TID-77"));

        var callback = CallbackBody(decision);
        Assert.Equal("ACQ-TID-77", callback.Tid);
        Assert.Equal("ACQ-TID-77", PaymentAnswers.CreatePayment(decision.State!).Tid);
    }

    [Fact]
    public void Tid_TerminalWithoutOne_KeepsOurs()
    {
        var decision = When(Given(Charging()), ChargeResult(TerminalResultStatus.Approved, tid: null));

        Assert.Equal(PaymentDecider.OwnTid(PaymentId), decision.State!.Tid);
    }

    [Theory]
    [InlineData("41111122", "411111")]
    [InlineData("411111", "411111")]
    [InlineData("4111112", null)]
    public void FirstDigits_FromAnEightDigitBin_AreTheFirstSix(string bin, string? expected)
    {
        var decision = When(Given(Charging()), ChargeResult(TerminalResultStatus.Approved, "T", bin));

        Assert.Equal(expected, PaymentAnswers.CreatePayment(decision.State!).FirstDigits);
    }

    [Fact]
    public void CancelApproved_VoidConfirmed_GivesTheCancellationIdOnlyThen()
    {
        var pending = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1")).State!;

        var confirmed = When(pending, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved));

        var op = confirmed.State!.FindOperation("C1")!;
        Assert.Equal(200, PaymentAnswers.HttpStatus(op));
        Assert.Equal(pending.FindOperation("C1")!.OperationId, PaymentAnswers.Cancellation(PaymentId, op).CancellationId);
        Assert.True(confirmed.State.Voided);
        Assert.Empty(confirmed.Effects);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Declined)]
    [InlineData(TerminalResultStatus.Failed)]
    public void CancelApproved_VoidFails_AlertsOperatorsAndAnswersCancelManually(TerminalResultStatus status)
    {
        var pending = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1")).State!;

        var failed = When(pending, Result(2, TerminalCommandType.Void, status));

        var op = failed.State!.FindOperation("C1")!;
        Assert.Equal((501, "cancel-manually"), (PaymentAnswers.HttpStatus(op), op.Code));
        Assert.Null(PaymentAnswers.Cancellation(PaymentId, op).CancellationId);
        Assert.False(failed.State.Voided);
        Assert.StartsWith("OPERATOR ALERT", Assert.Single(failed.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelApproved_SecondCancellationWhileTheVoidIsPending_SendsNoSecondVoidAndCompletesWithIt()
    {
        var pending = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1")).State!;

        var joined = When(pending, new PaymentEvent.CancellationRequested("C2"));
        var confirmed = When(joined.State, Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)).State!;

        Assert.Empty(joined.Effects);
        Assert.Equal(500, PaymentAnswers.HttpStatus(joined.State!.FindOperation("C2")!));
        Assert.All(["C1", "C2"], id => Assert.Equal(OperationStatus.Completed, confirmed.FindOperation(id)!.Status));
        Assert.NotEqual(confirmed.FindOperation("C1")!.OperationId, confirmed.FindOperation("C2")!.OperationId);
    }

    [Fact]
    public void CancelApproved_WhileTheVoidIsPending_SettlementAndRefundAreRefused()
    {
        var pending = When(Given(Approved()), new PaymentEvent.CancellationRequested("C1")).State!;

        var settle = When(pending, new PaymentEvent.SettlementRequested("S1", 10m));
        var refund = When(pending, new PaymentEvent.RefundRequested("R1", 10m));

        Assert.Equal(DecisionOutcome.Rejected, settle.Outcome);
        Assert.Contains("being cancelled", settle.Rejection!.Message, StringComparison.Ordinal);
        Assert.Equal(DecisionOutcome.Rejected, refund.Outcome);
    }

    [Fact]
    public void Charge_SerialArrivesLate_WaitShrinksSoVtexNeverCancelsWhileTheAppPolls()
    {
        var identified = Given(Created(), SerialAccepted())!;
        var late = Start.AddSeconds(400);

        var decision = When(identified, Created(), late);

        var state = decision.State!;
        Assert.Equal(600 - 400 - PaymentDecider.CancelMarginSeconds, state.WaitSeconds);
        Assert.Contains($"\"secondsWaiting\":{state.WaitSeconds}", PaymentAnswers.CreatePayment(state).PaymentAppData!.Payload, StringComparison.Ordinal);
        Assert.Equal(late.AddSeconds(state.WaitSeconds!.Value - (Terms.SecondsWaiting - Terms.TerminalTimeoutSeconds)), state.Deadline);
        Assert.True(late.AddSeconds(state.WaitSeconds.Value) <= state.CreatedAt.AddSeconds(Terms.DelayToCancel));
    }

    [Fact]
    public void Charge_SerialOnTime_KeepsTheFullWait()
    {
        var state = Given(Charging())!;

        Assert.Equal(Terms.SecondsWaiting, state.WaitSeconds);
        Assert.Contains("\"secondsWaiting\":180", PaymentAnswers.CreatePayment(state).PaymentAppData!.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Charge_TooLateToFinishBeforeVtexCancels_IsDeniedWithoutCharging()
    {
        var identified = Given(Created(), SerialAccepted())!;

        var decision = When(identified, Created(), Start.AddSeconds(530));

        Assert.Equal((PaymentPhase.Denied, "identify-too-late"), (decision.State!.Phase, decision.State.Code));
        Assert.IsType<PaymentEffect.NotifyVtex>(Assert.Single(decision.Effects));
        Assert.DoesNotContain(decision.State.Commands, c => c.Type == TerminalCommandType.Charge);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(359)]
    [InlineData(450)]
    [InlineData(515)]
    public void WaitFor_AnyElapsedTime_EndsTheWaitBeforeDelayToCancelWithMargin(int elapsed)
    {
        var identified = Given(Created(), SerialAccepted())!;

        var (wait, timeout) = PaymentDecider.WaitFor(identified, identified.CreatedAt.AddSeconds(elapsed));

        Assert.True(elapsed + wait + PaymentDecider.CancelMarginSeconds <= Terms.DelayToCancel);
        Assert.True(timeout < wait);
        Assert.True(wait <= Terms.SecondsWaiting);
    }

    [Fact]
    public void Serial_OfATerminalOfAnotherStore_DeniesWithAClearMessage()
    {
        var decision = When(Given(Created()), new PaymentEvent.SerialSubmitted("T-9", TerminalVerdict.OtherStore));

        Assert.Equal((PaymentPhase.Denied, "terminal-other-store"), (decision.State!.Phase, decision.State.Code));
        Assert.Contains("another store", decision.State.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Declined, "denied")]
    public void Serial_RepeatedOnAnEndedPayment_IsRefusedNotPromisedToStart(TerminalResultStatus status, string described)
    {
        var ended = When(Given(Charging()), Result(1, TerminalCommandType.Charge, status)).State;

        var decision = When(ended, SerialAccepted());

        Assert.Equal("payment-ended", decision.Rejection!.Code);
        Assert.Contains(described, decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_RepeatedOnACancelledPayment_IsRefused()
    {
        var cancelled = When(Given(Created(), SerialAccepted()), new PaymentEvent.CancellationRequested("C1")).State;

        var decision = When(cancelled, SerialAccepted());

        Assert.Equal("payment-ended", decision.Rejection!.Code);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Approved, "Abort PAY1-2 confirmed by the terminal.")]
    [InlineData(TerminalResultStatus.Aborted, "Abort PAY1-2 confirmed by the terminal.")]
    [InlineData(TerminalResultStatus.Failed, "Abort PAY1-2 was failed by the terminal; a late approval will be voided.")]
    public void AbortResult_IsDescribedForWhatItMeans(TerminalResultStatus status, string note)
    {
        var timedOut = When(Given(Charging()), new PaymentEvent.DeadlineReached(), Start.AddHours(1)).State;

        var decision = When(timedOut, Result(2, TerminalCommandType.Abort, status));

        Assert.Equal(note, Assert.Single(decision.Recorded).Note);
    }
}
