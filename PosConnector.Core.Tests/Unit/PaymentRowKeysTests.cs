using PosConnector.Core.Storage;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Row keys: each names its payment and kind, and a prefix range never reaches another.</summary>
public sealed class PaymentRowKeysTests
{
    [Fact]
    public void RowKeys_NameTheirPayment_AndAPrefixNeverReachesAnotherPaymentOrKind()
    {
        string[] keys =
        [
            PaymentRowKeys.State("AB"), PaymentRowKeys.History("AB", 1, 0), PaymentRowKeys.Outbox("AB", 1, 0), PaymentRowKeys.Lease("AB", "callback"),
            PaymentRowKeys.State("ABC"), PaymentRowKeys.History("ABC", 1, 0), PaymentRowKeys.Outbox("ABC", 1, 0), PaymentRowKeys.Lease("ABC", "callback"),
        ];

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["history|AB|0000000001|000"], keys.Where(k => k.StartsWith(PaymentRowKeys.HistoryPrefix("AB"), StringComparison.Ordinal)));
        Assert.Equal(["outbox|ABC|0000000001|000"], keys.Where(k => k.StartsWith(PaymentRowKeys.OutboxPrefix("ABC"), StringComparison.Ordinal)));
        Assert.Equal("state|AB", PaymentRowKeys.State("AB"));
        Assert.Equal("lease|AB|callback", PaymentRowKeys.Lease("AB", "callback"));
        // Versions sort as numbers: version 10 after version 9.
        Assert.True(string.CompareOrdinal(PaymentRowKeys.History("AB", 9, 0), PaymentRowKeys.History("AB", 10, 0)) < 0);
    }

    [Fact]
    public void RangeFilter_CoversExactlyTheKeysWithThePrefix()
    {
        Assert.Equal("RowKey ge 'state|' and RowKey lt 'state}'", PaymentRowKeys.RangeFilter("state|"));
        Assert.Equal(PaymentRowKeys.RangeFilter("state|"), PaymentRowKeys.StateRowsFilter);
        Assert.Equal("RowKey ge 'history|A''B|' and RowKey lt 'history|A''B}'", PaymentRowKeys.RangeFilter("history|A'B|"));
    }
}
