using System.Globalization;
using Azure.Data.Tables;

namespace PosConnector.Core.Storage;

/// <summary>
/// Row keys inside a payment's partition: <c>{kind}|{paymentId}[|…]</c>. Each key names its payment, so no two
/// payments share a RowKey: Azurite looks entities up by RowKey first, and a key every payment shared ("state") made
/// each point read and insert scan all payments. The kind leads, so one kind's rows across the table are still a
/// single RowKey range (<see cref="StateRowsFilter"/>).
/// </summary>
public static class PaymentRowKeys
{
    private const string StateKind = "state|";
    private const string HistoryKind = "history|";
    private const string OutboxKind = "outbox|";
    private const string LeaseKind = "lease|";

    public static string State(string paymentId) => StateKind + paymentId;

    public static string History(string paymentId, long version, int index) => Numbered(HistoryPrefix(paymentId), version, index);

    public static string Outbox(string paymentId, long version, int index) => Numbered(OutboxPrefix(paymentId), version, index);

    public static string Lease(string paymentId, string name) => $"{LeaseKind}{paymentId}|{name}";

    public static string HistoryPrefix(string paymentId) => $"{HistoryKind}{paymentId}|";

    public static string OutboxPrefix(string paymentId) => $"{OutboxKind}{paymentId}|";

    /// <summary>Every payment's state row, for cross-partition scans (sweep, attention list).</summary>
    public static string StateRowsFilter { get; } = RangeFilter(StateKind);

    /// <summary>The OData filter for RowKeys starting with <paramref name="prefix"/>.</summary>
    public static string RangeFilter(string prefix) =>
        TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    private static string Numbered(string prefix, long version, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{version:D10}|{index:D3}");
}
