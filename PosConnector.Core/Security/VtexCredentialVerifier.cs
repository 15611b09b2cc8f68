using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Domain.Security;

namespace PosConnector.Core.Security;

/// <summary>
/// Checks the merchant credentials the Gateway sends: X-VTEX-API-* or X-PROVIDER-API-* (docs/protocol.md §2, §8), and says
/// whose they are. Header lookup is case-insensitive in both hosts.
/// </summary>
public sealed class VtexCredentialVerifier(IOptions<VtexOptions> options)
{
    /// <summary>The caller, or null when the credentials are missing or wrong.</summary>
    public VtexCaller? Authenticate(Func<string, string?> header, bool isTestSuite)
    {
        var key = header("X-VTEX-API-AppKey") ?? header("X-PROVIDER-API-AppKey");
        var token = header("X-VTEX-API-AppToken") ?? header("X-PROVIDER-API-AppToken");
        if (isTestSuite && options.Value.AllowEmptyTestSuiteCredentials && string.IsNullOrEmpty(key) && string.IsNullOrEmpty(token))
        {
            return VtexCaller.AnonymousTestSuite;
        }

        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        // Check every pair so the time taken does not depend on which one matched.
        string? matched = null;
        foreach (var (name, merchant) in options.Value.Merchants)
        {
            foreach (var pair in merchant.AllCredentials)
            {
                if (SecretComparer.AreEqual(key, pair.AppKey) & SecretComparer.AreEqual(token, pair.AppToken))
                {
                    matched ??= name;
                }
            }
        }

        return matched is null ? null : new VtexCaller(VtexMerchantOptions.IsNamed(matched) ? matched : null, Anonymous: false);
    }

    public bool IsAuthorized(Func<string, string?> header, bool isTestSuite) => Authenticate(header, isTestSuite) is not null;
}

/// <summary>
/// Who called: <see cref="Merchant"/> is the configured merchant whose credentials matched, or null when the older
/// unnamed settings matched (the request names the merchant) or the Test Suite sent no credentials (<see cref="Anonymous"/>).
/// </summary>
public sealed record VtexCaller(string? Merchant, bool Anonymous)
{
    public static VtexCaller AnonymousTestSuite { get; } = new(null, Anonymous: true);

    /// <summary>The merchant a new payment belongs to. Anonymous callers get none, so no terminal can charge for them.</summary>
    public string MerchantFor(string? requestMerchantName) => Merchant ?? (Anonymous ? "" : requestMerchantName ?? "");

    /// <summary>Whether this caller may see or operate a payment of <paramref name="paymentMerchant"/>.</summary>
    public bool Owns(string paymentMerchant) => Merchant is null || string.Equals(Merchant, paymentMerchant, StringComparison.OrdinalIgnoreCase);
}
