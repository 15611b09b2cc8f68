using Microsoft.Extensions.Options;
using PosConnector.Core.Options;

namespace PosConnector.Core.Security;

/// <summary>
/// Checks the merchant credentials the Gateway sends: X-VTEX-API-* or X-PROVIDER-API-* (docs/protocol.md §2, §8).
/// Header lookup is case-insensitive in both hosts.
/// </summary>
public sealed class VtexCredentialVerifier(IOptions<VtexOptions> options)
{
    public bool IsAuthorized(Func<string, string?> header, bool isTestSuite)
    {
        var key = header("X-VTEX-API-AppKey") ?? header("X-PROVIDER-API-AppKey");
        var token = header("X-VTEX-API-AppToken") ?? header("X-PROVIDER-API-AppToken");
        if (isTestSuite && options.Value.AllowEmptyTestSuiteCredentials && string.IsNullOrEmpty(key) && string.IsNullOrEmpty(token))
        {
            return true;
        }

        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(token))
        {
            return false;
        }

        // Check every pair so the time taken does not depend on which one matched.
        var matched = false;
        foreach (var pair in options.Value.Merchants)
        {
            matched |= SecretComparer.AreEqual(key, pair.AppKey) & SecretComparer.AreEqual(token, pair.AppToken);
        }

        return matched;
    }
}
