using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PosConnector.Domain.Terminals;

/// <summary>
/// <c>X-Terminal-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>,
/// valid within <see cref="Tolerance"/> of now.
/// </summary>
public static class TerminalSignature
{
    public const string HeaderName = "X-Terminal-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    public static string Create(string secret, DateTimeOffset at, string rawBody)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Compute(secret, t, rawBody)}";
    }

    public static SignatureCheck Verify(string? header, string secret, string rawBody, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        string? t = null, v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)) t = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) v1 = part[3..];
        }

        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253_402_300_799)
        {
            return SignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return SignatureCheck.Expired;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, t, rawBody));
        var presented = Encoding.ASCII.GetBytes(v1.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, presented) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static string Compute(string secret, string t, string rawBody) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{rawBody}")));
}

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Expired,
    Mismatch,
}
