using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace PosConnector.Core.Storage;

/// <summary>
/// A validated search of the index: creation days <see cref="From"/> to <see cref="To"/> (UTC, inclusive), optional
/// exact filters, a page size, and where a previous page stopped (<see cref="StartDay"/>, <see cref="StartToken"/>).
/// </summary>
public sealed record PaymentSearch(
    DateOnly From, DateOnly To, string? OrderId, string? SerialNumber, string? Status, int Limit, DateOnly StartDay, string? StartToken)
{
    /// <summary>The OData filter on the row's columns, or null when the search filters on days only.</summary>
    public string? Filter()
    {
        var parts = new List<string>();
        if (OrderId is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"OrderId eq {OrderId}"));
        }

        if (SerialNumber is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"SerialNumber eq {SerialNumber}"));
        }

        if (Status is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"Status eq {Status}"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    /// <summary>The opaque "next" of a page that stopped on <paramref name="day"/> (at <paramref name="token"/> within it).</summary>
    public static string Continuation(DateOnly day, string? token) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}|{token}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a "next" back; false when it is not one this connector wrote.</summary>
    public static bool TryReadContinuation(string text, out DateOnly day, out string? token)
    {
        (day, token) = (default, null);
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var bar = raw.IndexOf('|', StringComparison.Ordinal);
            if (bar != 8 || !DateOnly.TryParseExact(raw[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return false;
            }

            token = raw.Length > 9 ? raw[9..] : null;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
