using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The search index's pure parts: when a commit writes a row, its keys, and a page's continuation.</summary>
public sealed class PaymentIndexTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 7, 23, 59, 59, TimeSpan.FromHours(-3));

    [Fact]
    public void Changes_CreationAndStatusChanges_WriteAndOtherCommitsDoNot()
    {
        var identifying = State(PaymentPhase.IdentifyingTerminal);
        var identified = identifying with { Phase = PaymentPhase.TerminalIdentified, SerialNumber = "T-1" };
        var waiting = identified with { Phase = PaymentPhase.AwaitingTerminal };
        var approved = waiting with { Phase = PaymentPhase.Approved };

        Assert.True(PaymentIndex.Changes(null, identifying));
        Assert.False(PaymentIndex.Changes(identifying, identified));
        Assert.False(PaymentIndex.Changes(identified, waiting));
        Assert.True(PaymentIndex.Changes(waiting, approved));
        Assert.False(PaymentIndex.Changes(approved, approved with { SettledAmount = 10m, Callback = CallbackStatus.Delivered }));
        Assert.True(PaymentIndex.Changes(identifying, identifying with { Phase = PaymentPhase.Cancelled }));
        Assert.False(PaymentIndex.Changes(identifying, null));
    }

    [Fact]
    public void DayAndRowKey_AreTheUtcDayAndNewestFirst()
    {
        var earlier = PaymentIndex.RowKey("B", Created);
        var later = PaymentIndex.RowKey("A", Created.AddTicks(1));

        Assert.Equal("20261208", PaymentIndex.Day(Created));
        Assert.True(string.CompareOrdinal(later, earlier) < 0);
        Assert.EndsWith("|B", earlier, StringComparison.Ordinal);
    }

    [Fact]
    public void Continuation_ReadsBackWhatItWrote_AndRefusesAnythingElse()
    {
        var day = new DateOnly(2026, 12, 7);
        var next = PaymentSearch.Continuation(day, "1!8!MjAyNjEyMDc-1!60!MDc5NzQ0");

        Assert.True(PaymentSearch.TryReadContinuation(next, out var readDay, out var token));
        Assert.Equal((day, "1!8!MjAyNjEyMDc-1!60!MDc5NzQ0"), (readDay, token));
        Assert.True(PaymentSearch.TryReadContinuation(PaymentSearch.Continuation(day, null), out _, out var none));
        Assert.Null(none);
        Assert.DoesNotContain('+', next);
        Assert.False(PaymentSearch.TryReadContinuation("garbage", out _, out _));
        Assert.False(PaymentSearch.TryReadContinuation("%%%", out _, out _));
    }

    [Fact]
    public void Entry_OfAState_ShowsThePppStatusAndOrder()
    {
        var entry = PaymentIndexEntry.Of(State(PaymentPhase.Cancelled) with { SerialNumber = "T-9" }, Created);

        Assert.Equal(("P-1", "O-1", "T-9", "denied", 12.34m), (entry.PaymentId, entry.OrderId, entry.SerialNumber, entry.Status, entry.Amount));
    }

    private static PaymentState State(PaymentPhase phase) => new()
    {
        PaymentId = "P-1",
        Phase = phase,
        Order = new PaymentOrder("TX", "R-1", "O-1", 12.34m, "BRL", 1, CardType.Credit, "https://example.com/cb", "store"),
        Terms = new PaymentTerms(180, 150, 3600, 3600, 3600, 5),
        CreatedAt = Created,
        Tid = "TID",
    };
}
