using Microsoft.AspNetCore.Http;
using PosConnector.Core.Handlers;
using PosConnector.Core.Security;

namespace PosConnector.Core.Http;

/// <summary>CORS for the submitUrl, the same in both hosts: only listed origins are answered.</summary>
public static class SubmitUrlCors
{
    public const string AllowedMethods = "POST, OPTIONS";
    public const string AllowedHeaders = "Content-Type";
    public const int MaxAgeSeconds = 600;

    /// <summary>Whether <paramref name="origin"/> (<c>scheme://host[:port]</c>) matches one of <paramref name="allowed"/>.</summary>
    public static bool IsAllowed(IEnumerable<string> allowed, string? origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.AbsolutePath != "/" || origin.EndsWith('/'))
        {
            return false;
        }

        return allowed.Any(pattern =>
        {
            var at = pattern.IndexOf("://", StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            var (scheme, hostPort) = (pattern[..at], pattern[(at + 3)..]);
            var colon = hostPort.LastIndexOf(':');
            var (host, port) = colon > 0 && int.TryParse(hostPort[(colon + 1)..], out var p) ? (hostPort[..colon], p) : (hostPort, -1);
            return string.Equals(scheme, o.Scheme, StringComparison.OrdinalIgnoreCase)
                && (port < 0 ? o.IsDefaultPort : o.Port == port)
                && HostPattern.Matches(host, o.Host);
        });
    }

    /// <summary>Adds Access-Control-Allow-Origin for an allowed Origin; returns whether it was allowed.</summary>
    public static bool Apply(HttpRequest request, IEnumerable<string> allowed)
    {
        var origin = HttpEdge.Header(request, "Origin");
        var headers = request.HttpContext.Response.Headers;
        headers.Vary = "Origin";
        if (!IsAllowed(allowed, origin))
        {
            return false;
        }

        headers.AccessControlAllowOrigin = origin;
        return true;
    }

    /// <summary>The answer to a browser's preflight (OPTIONS with Origin and Access-Control-Request-Method).</summary>
    public static HandlerResult Preflight(HttpRequest request, IEnumerable<string> allowed)
    {
        if (!Apply(request, allowed))
        {
            return HandlerResult.Error(403, "origin-not-allowed", "This origin may not call the submitUrl.");
        }

        var headers = request.HttpContext.Response.Headers;
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return HandlerResult.Ok(new { status = "ok" });
    }
}
