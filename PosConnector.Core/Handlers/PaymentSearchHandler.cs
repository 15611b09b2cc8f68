using System.Globalization;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>
/// GET /api/admin/payments: finds payments for an operator. By paymentId, one point read of the payment itself; otherwise
/// a page of the search index (<see cref="PaymentIndex"/>) over creation days (UTC) <c>from</c>..<c>to</c>, filtered
/// by <c>orderId</c>, <c>serialNumber</c> and <c>status</c>.
/// </summary>
public sealed class PaymentSearchHandler(PaymentIndex index, PaymentEngine engine, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>A search reads one partition per day at most: a range is bounded so one page stays a bounded cost.</summary>
    public const int MaxDays = 92;

    private static readonly string[] Statuses = ["undefined", "approved", "denied"];

    public async Task<HandlerResult> SearchAsync(PaymentSearchQuery query, CancellationToken ct)
    {
        if (Text(query.PaymentId) is { } paymentId)
        {
            var found = Identifiers.IsPaymentId(paymentId) ? await engine.FindAsync(paymentId, ct) : null;
            return HandlerResult.Ok(new PaymentSearchPage(found is null ? [] : [PaymentIndexEntry.Of(found, time.GetUtcNow())], null));
        }

        var (search, error) = Parse(query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return error ?? HandlerResult.Ok(await index.SearchAsync(search!, ct));
    }

    private static (PaymentSearch? Search, HandlerResult? Error) Parse(PaymentSearchQuery q, DateOnly today)
    {
        if (!TryDate(q.To, today, out var to) || !TryDate(q.From, to, out var from))
            return (null, Invalid("from and to are dates (yyyy-MM-dd, UTC); to defaults to today, from to the same day as to."));
        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
            return (null, Invalid($"from must not be after to, and the range at most {MaxDays} days."));
        var limit = DefaultLimit;
        if (Text(q.Limit) is { } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return (null, Invalid($"limit must be a whole number from 1 to {MaxLimit}."));
        var status = Text(q.Status)?.ToLowerInvariant();
        if (status is not null && !Statuses.Contains(status))
            return (null, Invalid($"status must be one of {string.Join(", ", Statuses)}."));
        var serial = Text(q.SerialNumber);
        if (serial is not null && !Identifiers.IsSerialNumber(serial))
            return (null, Invalid("serialNumber must be 1-64 letters, digits, '.', '-' or '_'."));
        var orderId = Text(q.OrderId);
        if (orderId is not null && orderId.Length > FieldLimits.OrderText)
            return (null, Invalid($"orderId is at most {FieldLimits.OrderText} characters."));

        var (start, token) = (to, (string?)null);
        if (Text(q.Next) is { } next && (!PaymentSearch.TryReadContinuation(next, out start, out token) || start < from || start > to))
            return (null, Invalid("next must be the 'next' of a previous page of the same search."));
        return (new PaymentSearch(from, to, orderId, serial, status, limit, start, token), null);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return Text(text) is not { } t || DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static HandlerResult Invalid(string message) => HandlerResult.Error(400, "invalid-request", message);
}

/// <summary>The search's query string, as given; every field optional.</summary>
public sealed record PaymentSearchQuery(
    string? PaymentId, string? OrderId, string? SerialNumber, string? Status, string? From, string? To, string? Limit, string? Next);
