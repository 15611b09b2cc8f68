using System.Globalization;
using Azure.Data.Tables;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// The operators' search index: table <c>{prefix}paymentindex</c>, one partition per UTC day of creation
/// (<c>yyyyMMdd</c>), one row per payment keyed newest first (<see cref="RowKey"/>), holding what a search filters on
/// and lists. Written after the commit that changes what it shows (<see cref="Changes"/>: the payment's creation and its
/// PPP status), never inside the payment's transaction (an entity-group transaction spans one partition of one table),
/// so a lost write is repaired by the next write of the same payment or by the sweep. A search reads only the day
/// partitions of its range, a page at a time: never a scan of the payments table.
/// </summary>
public sealed class PaymentIndex(StorageClients clients, TimeProvider time)
{
    private const string DayFormat = "yyyyMMdd";

    private TableClient Table => clients.PaymentIndex;

    /// <summary>Whether a commit from <paramref name="before"/> to <paramref name="after"/> changes the index row.</summary>
    public static bool Changes(PaymentState? before, PaymentState? after) =>
        after is not null && (before is null || PaymentAnswers.PppStatus(before.Phase) != PaymentAnswers.PppStatus(after.Phase));

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>Newest first within a day, and unique: the inverted creation ticks, then the paymentId.</summary>
    public static string RowKey(string paymentId, DateTimeOffset createdAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}|{paymentId}");

    /// <summary>Writes the payment's row whole (an upsert that replaces), so any write repairs an earlier lost one.</summary>
    public Task UpsertAsync(PaymentState state, CancellationToken ct) =>
        Table.UpsertEntityAsync(ToEntity(PaymentIndexEntry.Of(state, time.GetUtcNow())), TableUpdateMode.Replace, ct);

    /// <summary>
    /// One page of <paramref name="search"/>: the days from <see cref="PaymentSearch.To"/> back to
    /// <see cref="PaymentSearch.From"/>, newest first, at most <see cref="PaymentSearch.Limit"/> rows and one storage
    /// query per day visited; <see cref="PaymentSearchPage.Next"/> continues where this page stopped.
    /// </summary>
    public async Task<PaymentSearchPage> SearchAsync(PaymentSearch search, CancellationToken ct)
    {
        var rows = new List<PaymentIndexEntry>();
        var filter = search.Filter();
        var (day, token) = (search.StartDay, search.StartToken);
        while (day >= search.From)
        {
            var partition = TableClient.CreateQueryFilter($"PartitionKey eq {day.ToString(DayFormat, CultureInfo.InvariantCulture)}");
            var query = Table.QueryAsync<TableEntity>(filter is null ? partition : $"{partition} and ({filter})", maxPerPage: search.Limit - rows.Count, cancellationToken: ct);
            await foreach (var page in query.AsPages(token, search.Limit - rows.Count).WithCancellation(ct))
            {
                rows.AddRange(page.Values.Select(FromEntity));
                token = page.ContinuationToken;
                break;
            }

            if (token is null)
            {
                day = day.AddDays(-1);
            }

            if (rows.Count >= search.Limit || token is not null)
            {
                break;
            }
        }

        var next = day >= search.From ? PaymentSearch.Continuation(day, token) : null;
        return new PaymentSearchPage(rows, next);
    }

    private static TableEntity ToEntity(PaymentIndexEntry e) => new(Day(e.CreatedAt), RowKey(e.PaymentId, e.CreatedAt))
    {
        ["PaymentId"] = e.PaymentId,
        ["OrderId"] = e.OrderId,
        ["Reference"] = e.Reference,
        ["SerialNumber"] = e.SerialNumber ?? "",
        ["Status"] = e.Status,
        // Tables have no decimal: the amount travels as its invariant text, exactly.
        ["Amount"] = e.Amount.ToString(CultureInfo.InvariantCulture),
        ["Currency"] = e.Currency,
        ["MerchantName"] = e.MerchantName,
        ["CreatedAt"] = e.CreatedAt,
        ["UpdatedAt"] = e.UpdatedAt,
    };

    private static PaymentIndexEntry FromEntity(TableEntity e) => new(
        e.GetString("PaymentId"),
        e.GetString("OrderId"),
        e.GetString("Reference"),
        e.GetString("SerialNumber") is { Length: > 0 } serial ? serial : null,
        e.GetString("Status"),
        decimal.Parse(e.GetString("Amount"), NumberStyles.Number, CultureInfo.InvariantCulture),
        e.GetString("Currency"),
        e.GetString("MerchantName"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default);
}
