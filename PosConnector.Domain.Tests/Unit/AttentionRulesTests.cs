using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Which payments the attention view lists, why, since when, and the threshold's boundary.</summary>
public sealed class AttentionRulesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Assess_VoidWithoutResult_IsListedOnceItHasLastedTheThreshold()
    {
        var (state, history, _) = Fold([.. Approved(), new PaymentEvent.CallbackDelivered(1), new PaymentEvent.CancellationRequested("C1")]);
        var issuedAt = state.Commands.Single(c => c.Type == TerminalCommandType.Void).IssuedAt;

        Assert.Empty(AttentionRules.Assess(state, history, issuedAt + Minute - TimeSpan.FromTicks(1), Minute));
        var item = Assert.Single(AttentionRules.Assess(state, history, issuedAt + Minute, Minute));
        Assert.Equal((AttentionReason.VoidPending, issuedAt, PaymentPhase.Approved), (item.Why, item.Since, item.Phase));
    }

    [Fact]
    public void Assess_CallbackPending_CountsFromWhenThePaymentBecameFinal()
    {
        var (state, history, finalAt) = Fold(Approved());

        Assert.True(AttentionRules.NeedsHistory(state));
        Assert.Empty(AttentionRules.Assess(state, history, finalAt + Minute - TimeSpan.FromTicks(1), Minute));
        var item = Assert.Single(AttentionRules.Assess(state, history, finalAt + Minute, Minute));
        Assert.Equal((AttentionReason.CallbackPending, finalAt), (item.Why, item.Since));
    }

    [Fact]
    public void Assess_CallbackAbandoned_IsListedWhateverTheThreshold()
    {
        var (state, history, abandonedAt) = Fold([.. Approved(), new PaymentEvent.CallbackAbandoned(5, "HTTP 503")]);

        var item = Assert.Single(AttentionRules.Assess(state, history, abandonedAt, TimeSpan.FromDays(1)));
        Assert.Equal((AttentionReason.CallbackAbandoned, abandonedAt), (item.Why, item.Since));
    }

    [Fact]
    public void Assess_NotFinalAfterItsDeadline_IsPastDeadline()
    {
        var (charging, chargingHistory, _) = Fold(Charging());
        var (identifying, identifyingHistory, _) = Fold([Created()]);
        var created = identifying.CreatedAt;

        var overdue = Assert.Single(AttentionRules.Assess(charging, chargingHistory, charging.Deadline!.Value + Minute, Minute));
        Assert.Equal((AttentionReason.PastDeadline, charging.Deadline.Value), (overdue.Why, overdue.Since));
        Assert.Empty(AttentionRules.Assess(identifying, identifyingHistory, created.AddSeconds(Terms.DelayToCancel) + Minute - TimeSpan.FromTicks(1), Minute));
        Assert.Equal(created.AddSeconds(Terms.DelayToCancel),
            Assert.Single(AttentionRules.Assess(identifying, identifyingHistory, created.AddSeconds(Terms.DelayToCancel) + Minute, Minute)).Since);
    }

    [Fact]
    public void Assess_FinalWithItsCallbackDelivered_IsNeverListed()
    {
        var (state, history, _) = Fold([.. Approved(), new PaymentEvent.CallbackDelivered(1)]);

        Assert.False(AttentionRules.NeedsHistory(state));
        Assert.Empty(AttentionRules.Assess(state, history, Start.AddDays(30), TimeSpan.Zero));
    }

    [Fact]
    public void Assess_RefundDeclinedByTheTerminal_IsListedWhateverTheThreshold()
    {
        var (state, history, declinedAt) = Fold([.. Approved(100m), new PaymentEvent.CallbackDelivered(1),
            new PaymentEvent.SettlementRequested("S1", 100m), new PaymentEvent.RefundRequested("R1", 30m),
            Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)]);

        var item = Assert.Single(AttentionRules.Assess(state, history, declinedAt, TimeSpan.FromDays(1)));
        Assert.Equal((AttentionReason.RefundDeclined, state.Commands[^1].IssuedAt), (item.Why, item.Since));
        Assert.Contains("R1 of 30.00", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_PartialSettlement_IsListedOnceItHasLastedTheThresholdUntilSomethingCoversTheRest()
    {
        var (state, history, settledAt) = Fold([.. Approved(), new PaymentEvent.CallbackDelivered(1), new PaymentEvent.SettlementRequested("S1", 20m)]);
        var (covered, coveredHistory, _) = Fold([.. Approved(), new PaymentEvent.CallbackDelivered(1), new PaymentEvent.SettlementRequested("S1", 20m),
            new PaymentEvent.SettlementRequested("S2", 11.90m)]);

        Assert.True(AttentionRules.NeedsHistory(state));
        Assert.Empty(AttentionRules.Assess(state, history, settledAt + Minute - TimeSpan.FromTicks(1), Minute));
        var item = Assert.Single(AttentionRules.Assess(state, history, settledAt + Minute, Minute));
        Assert.Equal((AttentionReason.UnsettledRemainder, settledAt), (item.Why, item.Since));
        Assert.Contains("11.90", item.Detail, StringComparison.Ordinal);
        Assert.False(AttentionRules.NeedsHistory(covered));
        Assert.Empty(AttentionRules.Assess(covered, coveredHistory, Start.AddDays(30), Minute));
    }

    [Fact]
    public void Assess_EachReason_SaysWhatToDo()
    {
        var (abandoned, abandonedHistory, _) = Fold([.. Approved(), new PaymentEvent.CallbackAbandoned(5, "HTTP 503")]);
        var (pending, pendingHistory, _) = Fold(Approved());
        var (charging, chargingHistory, _) = Fold(Charging());
        var late = Start.AddDays(1);

        Assert.Equal("VTEX never accepted the callback; it will not be retried. Check the payment's status on VTEX's side.",
            Assert.Single(AttentionRules.Assess(abandoned, abandonedHistory, late, Minute)).Detail);
        Assert.Equal("The final status has not reached VTEX yet; retries continue until delayToCancel.",
            Assert.Single(AttentionRules.Assess(pending, pendingHistory, late, Minute)).Detail);
        Assert.Equal("Still AwaitingTerminal after its deadline.", Assert.Single(AttentionRules.Assess(charging, chargingHistory, late, Minute)).Detail);
    }

    [Fact]
    public void Assess_RefundDeclinedAndUnsettledRest_SayWhatToDo()
    {
        var (state, history, at) = Fold([.. Approved(), new PaymentEvent.CallbackDelivered(1),
            new PaymentEvent.SettlementRequested("S1", 20m), new PaymentEvent.RefundRequested("R1", 10m),
            Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)]);

        var items = AttentionRules.Assess(state, history, at + Minute, Minute).ToDictionary(i => i.Why, i => i.Detail);

        Assert.Equal("Refund R1 of 10.00 was declined by terminal T-1; nothing was returned to the card. " +
            "Refund it at the acquirer, or start a new refund with the card present.", items[AttentionReason.RefundDeclined]);
        Assert.Equal("20.00 of 31.90 captured at the terminal is settled; 11.90 is neither settled nor returned and the customer " +
            "still pays it. Settle or cancel it, or refund it at the acquirer.", items[AttentionReason.UnsettledRemainder]);
    }

    [Fact]
    public void Assess_PartialSettlementFollowedByOtherEvents_CountsFromTheSettlement()
    {
        var (state, history, _) = Fold([.. Approved(), new PaymentEvent.SettlementRequested("S1", 20m), new PaymentEvent.CallbackDelivered(1),
            new PaymentEvent.SettlementRequested("S2", 100m)]);
        var settledAt = history.Single(h => h.Event == nameof(PaymentEvent.SettlementRequested) && h.Note.StartsWith("Settled", StringComparison.Ordinal)).At;

        var item = Assert.Single(AttentionRules.Assess(state, history, settledAt + Minute, Minute));

        Assert.Equal((AttentionReason.UnsettledRemainder, settledAt), (item.Why, item.Since));
    }

    [Fact]
    public void Assess_RefundWithoutResult_IsRefundPendingAndSaysWhere()
    {
        var (state, history, at) = Fold([.. Approved(), new PaymentEvent.CallbackDelivered(1),
            new PaymentEvent.SettlementRequested("S1", null), new PaymentEvent.RefundRequested("R1", 10m)]);

        var item = Assert.Single(AttentionRules.Assess(state, history, at + Minute, Minute));

        Assert.Equal((AttentionReason.RefundPending, at), (item.Why, item.Since));
        Assert.Equal($"Refund {PaymentId}-2 of 10.00 on terminal T-1 has no result yet.", item.Detail);
    }

    /// <summary>The events applied one second apart from <see cref="Start"/>: final state, audit trail, time of the last event.</summary>
    private static (PaymentState State, List<HistoryEntry> History, DateTimeOffset LastAt) Fold(PaymentEvent[] events)
    {
        PaymentState? state = null;
        var history = new List<HistoryEntry>();
        var at = Start;
        foreach (var (e, i) in events.Select((e, i) => (e, i)))
        {
            at = Start.AddSeconds(i);
            var decision = PaymentDecider.Decide(state, e, at);
            state = decision.State;
            history.AddRange(decision.Recorded);
        }

        return (state!, history, at);
    }
}
