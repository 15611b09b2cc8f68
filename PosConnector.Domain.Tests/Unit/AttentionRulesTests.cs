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
