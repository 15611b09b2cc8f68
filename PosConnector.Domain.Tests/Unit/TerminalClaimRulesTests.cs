using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>
/// One live charge per terminal: whether the payment that took a terminal still holds it, from its state alone
/// (<see cref="TerminalClaimRules"/>), and the decider's refusal of a busy terminal's serial.
/// </summary>
public sealed class TerminalClaimRulesTests
{
    /// <summary>The charge of <see cref="Charging"/> is issued at Start + 2 s with a 150 s timeout: expiresAt Start + 152 s.</summary>
    private static readonly DateTimeOffset ChargeExpiry = Start.AddSeconds(2 + Terms.TerminalTimeoutSeconds);

    private static readonly DateTimeOffset Soon = Start.AddMinutes(1);

    [Fact]
    public void IdentifyingTerminal_HoldsNoTerminal()
    {
        var state = Given(Created())!;

        Assert.False(TerminalClaimRules.Holds(state, Serial, Soon));
    }

    [Fact]
    public void TerminalIdentified_HoldsItsTerminalOnly_UntilDelayToCancelAndGrace()
    {
        var state = Given(Created(), SerialAccepted())!;
        var latest = Start.AddSeconds(Terms.DelayToCancel) + TerminalClaimRules.Grace;

        Assert.True(TerminalClaimRules.Holds(state, Serial, Soon));
        Assert.False(TerminalClaimRules.Holds(state, "T-2", Soon));
        Assert.True(TerminalClaimRules.Holds(state, Serial, latest.AddTicks(-1)));
        Assert.False(TerminalClaimRules.Holds(state, Serial, latest));
    }

    [Fact]
    public void TerminalIdentified_PastDelayToCancel_CanNoLongerSendItsCharge()
    {
        // Why the claim may lapse at delayToCancel + grace: from then on the next Create Payment denies, never charges.
        var state = Given(Created(), SerialAccepted())!;

        var decision = When(state, Created(), Start.AddSeconds(Terms.DelayToCancel) + TerminalClaimRules.Grace);

        Assert.Equal("identify-too-late", decision.State!.Code);
        Assert.DoesNotContain(decision.Effects, e => e is PaymentEffect.SendTerminalCommand);
    }

    [Fact]
    public void AwaitingTerminal_Holds()
    {
        var state = Given(Charging())!;

        Assert.True(TerminalClaimRules.Holds(state, Serial, Soon));
        Assert.True(TerminalClaimRules.Holds(state, Serial, ChargeExpiry + TerminalClaimRules.Grace));
        Assert.False(TerminalClaimRules.Holds(state, "T-2", Soon));
    }

    [Theory]
    [InlineData(TerminalResultStatus.Approved)]
    [InlineData(TerminalResultStatus.Declined)]
    [InlineData(TerminalResultStatus.Failed)]
    public void ChargeAnswered_FreesTheTerminal(TerminalResultStatus status)
    {
        var state = Given([.. Charging(), Result(1, TerminalCommandType.Charge, status)])!;

        Assert.True(state.IsFinal);
        Assert.False(TerminalClaimRules.Holds(state, Serial, Soon));
    }

    [Fact]
    public void TimedOut_AbortNotConfirmed_HoldsUntilTheChargeExpiredAndGrace()
    {
        var denied = TimedOut();

        Assert.Equal(PaymentPhase.Denied, denied.Phase);
        Assert.True(TerminalClaimRules.Holds(denied, Serial, ChargeExpiry.AddSeconds(1)));
        Assert.True(TerminalClaimRules.Holds(denied, Serial, ChargeExpiry + TerminalClaimRules.Grace - TimeSpan.FromTicks(1)));
        Assert.False(TerminalClaimRules.Holds(denied, Serial, ChargeExpiry + TerminalClaimRules.Grace));
    }

    [Theory]
    [InlineData(TerminalResultStatus.Approved, false)]
    [InlineData(TerminalResultStatus.Aborted, false)]
    [InlineData(TerminalResultStatus.Failed, true)]
    [InlineData(TerminalResultStatus.Declined, true)]
    public void TimedOut_AbortAnswered_FreesOnlyWhenTheAbortIsConfirmed(TerminalResultStatus abortStatus, bool holds)
    {
        var state = When(TimedOut(), Result(2, TerminalCommandType.Abort, abortStatus), ChargeExpiry.AddSeconds(2)).State!;

        Assert.Equal(holds, TerminalClaimRules.Holds(state, Serial, ChargeExpiry.AddSeconds(3)));
    }

    [Fact]
    public void TimedOut_LateApproval_FreesTheTerminalWhileItsVoidIsPending()
    {
        // The 03 case: the abort fails, the charge approves late and is voided; a void takes no customer's money.
        var failedAbort = When(TimedOut(), Result(2, TerminalCommandType.Abort, TerminalResultStatus.Failed), ChargeExpiry.AddSeconds(1)).State!;
        var late = When(failedAbort, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved), ChargeExpiry.AddSeconds(2));

        Assert.Contains(late.Effects, e => e is PaymentEffect.SendTerminalCommand { Command.Type: TerminalCommandType.Void });
        Assert.False(TerminalClaimRules.Holds(late.State!, Serial, ChargeExpiry.AddSeconds(3)));
    }

    [Fact]
    public void CancelledWhileCharging_HoldsUntilTheAbortIsConfirmed()
    {
        var cancelled = When(Given(Charging()), new PaymentEvent.CancellationRequested("C1"), Start.AddSeconds(10)).State!;
        var aborted = When(cancelled, Result(2, TerminalCommandType.Abort, TerminalResultStatus.Approved), Start.AddSeconds(11)).State!;

        Assert.Equal(PaymentPhase.Cancelled, cancelled.Phase);
        Assert.True(TerminalClaimRules.Holds(cancelled, Serial, Start.AddSeconds(11)));
        Assert.False(TerminalClaimRules.Holds(aborted, Serial, Start.AddSeconds(12)));
    }

    [Fact]
    public void CancelledBeforeTheCharge_HoldsNothing()
    {
        var cancelled = When(Given(Created(), SerialAccepted()), new PaymentEvent.CancellationRequested("C1"), Start.AddSeconds(5)).State!;

        Assert.False(TerminalClaimRules.Holds(cancelled, Serial, Start.AddSeconds(6)));
    }

    [Fact]
    public void Claim_MissingPayment_HoldsNothing() =>
        Assert.False(TerminalClaimRules.Holds(new TerminalClaim("GONE", 1, Start), Serial, null, 0, Soon));

    [Fact]
    public void Claim_StillIdentifyingAtTheClaimedVersion_Holds_OtherVersionDoesNot()
    {
        // Claimed, identification not committed yet: it may still commit, against exactly that version.
        var state = Given(Created())!;
        var claim = new TerminalClaim(PaymentId, 3, Start);

        Assert.True(TerminalClaimRules.Holds(claim, Serial, state, 3, Soon));
        Assert.False(TerminalClaimRules.Holds(claim, Serial, state, 4, Soon));
        Assert.False(TerminalClaimRules.Holds(claim, Serial, state, 3, Start.AddSeconds(Terms.DelayToCancel) + TerminalClaimRules.Grace));
    }

    [Fact]
    public void Claim_HolderIdentifiedOnAnotherTerminal_DoesNotHoldThisOne()
    {
        var claim = new TerminalClaim(PaymentId, 1, Start);
        var elsewhere = Given(Created(), SerialAccepted("T-2"))!;

        Assert.False(TerminalClaimRules.Holds(claim, Serial, elsewhere, 2, Soon));
        Assert.True(TerminalClaimRules.Holds(claim, "T-2", elsewhere, 2, Soon));
    }

    [Fact]
    public void IdentifyingTerminal_SerialBusy_IsRefusedAndRecorded_PaymentKeepsWaitingForASerial()
    {
        var state = Given(Created())!;

        var decision = When(state, new PaymentEvent.SerialSubmitted(Serial, TerminalVerdict.Busy, Start.AddSeconds(3723)));

        Assert.Equal(DecisionOutcome.Rejected, decision.Outcome);
        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
        Assert.Equal("terminal-busy", decision.Rejection!.Code);
        Assert.Equal(
            "Terminal T-1 is busy with another payment (started 11:02:03 UTC); finish or cancel it on the terminal, or choose another terminal.",
            decision.Rejection.Message);
        var recorded = Assert.Single(decision.Recorded);
        Assert.Equal((PaymentPhase.IdentifyingTerminal, PaymentPhase.IdentifyingTerminal), (recorded.From, recorded.To));
        Assert.Contains("terminal-busy", recorded.Note, StringComparison.Ordinal);
        Assert.Equal(PaymentPhase.TerminalIdentified, When(decision.State, SerialAccepted("T-2")).State!.Phase);
    }

    /// <summary>Charging, then the deadline: abort sent (command 2), payment denied.</summary>
    private static PaymentState TimedOut() =>
        When(Given(Charging()), new PaymentEvent.DeadlineReached(), ChargeExpiry).State!;
}
