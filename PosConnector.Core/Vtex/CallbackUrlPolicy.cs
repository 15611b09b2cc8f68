using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Domain.Security;

namespace PosConnector.Core.Vtex;

/// <summary>
/// Callbacks carry the partner's own AppKey/AppToken, so they go only to VTEX's payment gateway: https on an allowed
/// host, whoever the caller is (Test Suite included). Loopback is for local runs and tests only.
/// </summary>
public sealed class CallbackUrlPolicy(IOptions<VtexOptions> options, IHostEnvironment environment)
{
    /// <summary>Null when <paramref name="callbackUrl"/> may receive callbacks, else why not.</summary>
    public string? Check(string callbackUrl)
    {
        if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri))
        {
            return "callbackUrl must be an absolute URL.";
        }

        if (IsLoopback(uri) && AllowsLoopback(options.Value, environment))
        {
            return null;
        }

        var hosts = options.Value.CallbackHosts ?? VtexOptions.DefaultCallbackHosts;
        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && hosts.Any(h => HostPattern.Matches(h, uri.Host))
            ? null
            : $"callbackUrl must be an https URL on VTEX's payment gateway ({string.Join(", ", hosts)}); '{uri.Host}' is not.";
    }

    /// <summary>Loopback callbacks need the setting and a Development or Testing environment.</summary>
    public static bool AllowsLoopback(VtexOptions options, IHostEnvironment environment) =>
        options.AllowLoopbackCallbacks && (environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
