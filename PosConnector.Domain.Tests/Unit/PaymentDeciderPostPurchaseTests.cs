using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>
/// Money after approval: partial cancellations return exactly their amount, partial settlements alert, and a refund
/// the terminal declines is a retryable failure, never refund-manually (docs/protocol.md §3.3-§3.5, §9).
/// </summary>
public sealed class PaymentDeciderPostPurchaseTests
{
    [Fact]
    public void Approved_PartialCancellation_RefundsExactlyThatAmountAndAnswersOnlyOnceConfirmed()
    {
        var decision = When(Given(Approved()), Cancel("C1", 1250m));
        var confirmed = When(decision.State, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved));

        var command = Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command;
        Assert.Equal((TerminalCommandType.Refund, 12.50m, Serial), (command.Type, command.Amount, command.SerialNumber));
        var pending = decision.State!.FindOperation("C1")!;
        Assert.Equal((500, "cancel-pending"), (PaymentAnswers.HttpStatus(pending), pending.Code));
        Assert.Null(PaymentAnswers.Cancellation(PaymentId, pending).CancellationId);
        var done = confirmed.State!.FindOperation("C1")!;
        Assert.Equal(200, PaymentAnswers.HttpStatus(done));
        Assert.NotNull(PaymentAnswers.Cancellation(PaymentId, done).CancellationId);
        Assert.Equal((12.50m, false, 19.40m), (confirmed.State.CancelledAmount, confirmed.State.Voided, confirmed.State.UncommittedAmount));
        Assert.Equal(PaymentPhase.Approved, confirmed.State.Phase);
    }

    [Fact]
    public void Approved_FullCancellationAfterAPartialOne_RefundsTheRemainderAndNeverVoids()
    {
        var partly = When(When(Given(Approved()), Cancel("C1", 1250m)).State, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State;

        var decision = When(partly, Cancel("C2"));
        var confirmed = When(decision.State, Result(3, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State!;

        var command = Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command;
        Assert.Equal((TerminalCommandType.Refund, 19.40m), (command.Type, command.Amount));
        Assert.DoesNotContain(confirmed.Commands, c => c.Type == TerminalCommandType.Void);
        Assert.Equal((31.90m, 0m), (confirmed.CancelledAmount, confirmed.UncommittedAmount));
        Assert.Equal(200, PaymentAnswers.HttpStatus(confirmed.FindOperation("C2")!));
    }

    [Fact]
    public void Approved_SecondPartialCancellationWhileTheFirstIsPending_CountsTheFirstAsCancelled()
    {
        var pending = When(Given(Approved()), Cancel("C1", 1250m)).State;

        var full = When(pending, Cancel("C2"));
        var tooMuch = When(pending, Cancel("C3", 1941m));

        Assert.Equal(19.40m, Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(full.Effects)).Command.Amount);
        Assert.Equal(TerminalCommandType.Refund, full.State!.Commands[^1].Type);
        Assert.Equal("cancel-exceeds-authorized", tooMuch.Rejection!.Code);
    }

    [Fact]
    public void Approved_FullValueOnAnUntouchedPayment_VoidsAsWithoutValue()
    {
        var decision = When(Given(Approved()), Cancel("C1", 3190m));

        Assert.Equal(TerminalCommandType.Void, Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command.Type);
    }

    [Fact]
    public void Approved_AmbiguousCancellationValue_NeverVoidsNorGuessesAndAsksForManualCancellation()
    {
        var decision = When(Given(Approved()), Cancel("C1", 10m));

        Assert.Empty(decision.Effects);
        var op = decision.State!.FindOperation("C1")!;
        Assert.Equal(("cancel-manually", 501), (op.Code, PaymentAnswers.HttpStatus(op)));
        Assert.Contains("0.10 or 10.00", op.Message, StringComparison.Ordinal);
        Assert.Null(PaymentAnswers.Cancellation(PaymentId, op).CancellationId);
        Assert.StartsWith("OPERATOR ALERT: cancellation C1 with value 10.00 can mean 0.10 or 10.00", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
        Assert.Equal((0m, false), (decision.State.CancelledAmount, decision.State.Voided));
    }

    [Fact]
    public void Approved_CancellationValueWithNoPlausibleReading_IsRejectedAsBadInput()
    {
        var state = Given(Approved());

        var decision = When(state, Cancel("C1", 5000m));

        Assert.Equal(("cancel-exceeds-authorized", true), (decision.Rejection!.Code, decision.Rejection.BadInput));
        Assert.Contains("50.00 (in cents) or 5000.00", decision.Rejection.Message, StringComparison.Ordinal);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Theory]
    [InlineData(TerminalResultStatus.Declined)]
    [InlineData(TerminalResultStatus.Failed)]
    public void Approved_PartialCancellationRefusedByTheTerminal_AnswersCancelManuallyAndAlerts(TerminalResultStatus status)
    {
        var pending = When(Given(Approved()), Cancel("C1", 1250m)).State;

        var decision = When(pending, Result(2, TerminalCommandType.Refund, status));

        var op = decision.State!.FindOperation("C1")!;
        Assert.Equal(("cancel-manually", 501), (op.Code, PaymentAnswers.HttpStatus(op)));
        Assert.StartsWith($"OPERATOR ALERT: refund {PaymentId}-2 of 12.50 for cancellation C1 was", Assert.Single(decision.Recorded).Note, StringComparison.Ordinal);
        Assert.Equal((0m, 31.90m), (decision.State.CancelledAmount, decision.State.UncommittedAmount));
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Approved_SettlementAfterAPartialCancellation_IsBoundedByAuthorizedMinusCancelled()
    {
        var pending = When(Given(Approved()), Cancel("C1", 1250m)).State;
        var cancelled = When(pending, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State;

        var whilePending = When(pending, new PaymentEvent.SettlementRequested("S1", 19.41m));
        var tooMuch = When(cancelled, new PaymentEvent.SettlementRequested("S1", 19.41m));
        var rest = When(cancelled, new PaymentEvent.SettlementRequested("S1", null));

        Assert.Equal("settle-exceeds-authorized", whilePending.Rejection!.Code);
        Assert.Equal("settle-exceeds-authorized", tooMuch.Rejection!.Code);
        Assert.Contains("12.50 was cancelled", tooMuch.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(19.40m, rest.State!.SettledAmount);
        Assert.DoesNotContain("OPERATOR ALERT", Assert.Single(rest.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_PartialSettlement_AlertsWithTheUnsettledAmountAndLaterSettlementsSettleTheRest()
    {
        var partial = When(Given(Approved()), new PaymentEvent.SettlementRequested("S1", 20m));
        var rest = When(partial.State, new PaymentEvent.SettlementRequested("S2", 11.90m));

        Assert.Equal(11.90m, partial.State!.UnsettledRemainder);
        Assert.Contains("OPERATOR ALERT: 11.90 of 31.90 captured at the terminal is not settled", Assert.Single(partial.Recorded).Note, StringComparison.Ordinal);
        Assert.Empty(partial.Effects);
        Assert.Equal(0m, rest.State!.UnsettledRemainder);
        Assert.Equal("Settled 11.90 (S2).", Assert.Single(rest.Recorded).Note);
    }

    [Fact]
    public void Approved_CancellationOfTheUnsettledRestAfterAPartialSettlement_RefundsExactlyThatRest()
    {
        var settled = When(Given(Approved()), new PaymentEvent.SettlementRequested("S1", 20m)).State;

        var decision = When(settled, Cancel("C1", 1190m));
        var confirmed = When(decision.State, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Approved)).State!;
        var withoutValue = When(settled, Cancel("C2"));

        Assert.Equal((TerminalCommandType.Refund, 11.90m),
            (decision.State!.Commands[^1].Type, Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(decision.Effects)).Command.Amount));
        Assert.Equal(0m, confirmed.UnsettledRemainder);
        Assert.Equal(20m, confirmed.RefundableAmount);
        Assert.Equal(("cancel-manually", 501), (withoutValue.State!.FindOperation("C2")!.Code, PaymentAnswers.HttpStatus(withoutValue.State.FindOperation("C2")!)));
    }

    [Fact]
    public void Approved_PartialSettlement_RefundsStayBoundedByWhatWasSettled()
    {
        var settled = When(Given(Approved()), new PaymentEvent.SettlementRequested("S1", 20m)).State;

        var tooMuch = When(settled, new PaymentEvent.RefundRequested("R1", 20.01m));

        Assert.Equal("refund-exceeds-settled", tooMuch.Rejection!.Code);
    }

    [Fact]
    public void TestSuite_PartialSettlementAndCancellation_CompleteWithoutTerminalOrAlert()
    {
        var approved = Given(Created(flow: TestSuiteFlow.Approved));

        var partial = When(approved, Cancel("C1", 1250m));
        var settled = When(approved, new PaymentEvent.SettlementRequested("S1", 20m));

        Assert.Empty(partial.Effects);
        Assert.Equal((OperationStatus.Completed, 12.50m), (partial.State!.FindOperation("C1")!.Status, partial.State.CancelledAmount));
        Assert.False(partial.State.Voided);
        Assert.Equal(0m, settled.State!.UnsettledRemainder);
        Assert.DoesNotContain("OPERATOR ALERT", Assert.Single(settled.Recorded).Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitingTerminal_CancellationWithAValue_CancelsTheWholePaymentAsBefore()
    {
        var decision = When(Given(Charging()), Cancel("C1", 1250m));

        Assert.Equal(PaymentPhase.Cancelled, decision.State!.Phase);
        Assert.Equal(TerminalCommandType.Abort, Assert.IsType<PaymentEffect.SendTerminalCommand>(decision.Effects[0]).Command.Type);
        Assert.IsType<PaymentEffect.StopWaiting>(Assert.Single(decision.Effects.Skip(1)));
    }

    [Fact]
    public void Approved_RefundDeclined_RepeatsAnswerTheSameAndSendNoSecondCommand()
    {
        var settled = When(Given(Approved(100m)), new PaymentEvent.SettlementRequested("S1", 100m)).State;
        var declined = When(When(settled, new PaymentEvent.RefundRequested("R1", 30m)).State, Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)).State!;

        var repeat = When(declined, new PaymentEvent.RefundRequested("R1", 30m));
        var fresh = When(declined, new PaymentEvent.RefundRequested("R2", 30m));

        Assert.Equal(DecisionOutcome.Unchanged, repeat.Outcome);
        Assert.Empty(repeat.Effects);
        Assert.Equal(OperationStatus.Failed, repeat.State!.FindOperation("R1")!.Status);
        Assert.Equal(100m, declined.RefundableAmount);
        Assert.Equal(TerminalCommandType.Refund, Assert.IsType<PaymentEffect.SendTerminalCommand>(Assert.Single(fresh.Effects)).Command.Type);
    }

    private static PaymentEvent.CancellationRequested Cancel(string requestId, decimal? value = null) => new(requestId, value);
}
