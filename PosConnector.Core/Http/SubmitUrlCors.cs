using Microsoft.AspNetCore.Http;
using PosConnector.Core.Handlers;
using PosConnector.Core.Options;
using PosConnector.Domain.Security;

namespace PosConnector.Core.Http;

/// <summary>
/// CORS for the submitUrl, the same in both hosts. Any well-formed origin is answered unless the operator configured a
/// deny-list or an allow-list (<see cref="CorsOptions"/>): the token in the submitUrl is what authorizes the POST, and
/// no cookie or credential is ever honoured, so the origin adds nothing to security.
/// </summary>
public static class SubmitUrlCors
{
    public const string AllowedMethods = "POST, OPTIONS";
    public const string DefaultAllowedHeaders = "Content-Type";
    public const int MaxAgeSeconds = 600;

    /// <summary>Whether <paramref name="origin"/> may read the submitUrl's answers under <paramref name="options"/>.</summary>
    public static bool IsAllowed(CorsOptions options, string? origin) =>
        IsOrigin(origin)
        && !Matches(options.DeniedOrigins, origin!)
        && (options.AllowedOrigins.Count == 0 || Matches(options.AllowedOrigins, origin!));

    /// <summary>A browser's Origin: <c>scheme://host[:port]</c> with nothing after it (the opaque <c>null</c> is not one).</summary>
    private static bool IsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o) && o.Scheme is "https" or "http"
        && o.AbsolutePath == "/" && !origin!.EndsWith('/') && o.UserInfo.Length == 0;

    /// <summary>Whether <paramref name="origin"/> matches one of <paramref name="patterns"/>.</summary>
    public static bool Matches(IEnumerable<string> patterns, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o))
        {
            return false;
        }

        return patterns.Any(pattern =>
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

    /// <summary>Adds Access-Control-Allow-Origin (the request's own Origin) when it is allowed; returns whether it was.</summary>
    public static bool Apply(HttpRequest request, CorsOptions options)
    {
        var origin = HttpEdge.Header(request, "Origin");
        var headers = request.HttpContext.Response.Headers;
        headers.Vary = "Origin";
        if (!IsAllowed(options, origin))
        {
            return false;
        }

        headers.AccessControlAllowOrigin = origin;
        return true;
    }

    /// <summary>The answer to a browser's preflight (OPTIONS with Origin and Access-Control-Request-Method).</summary>
    public static HandlerResult Preflight(HttpRequest request, CorsOptions options)
    {
        if (!Apply(request, options))
        {
            return HandlerResult.Error(403, "origin-not-allowed",
                "This origin may not call the submitUrl (a missing or malformed Origin, or the operator's Cors settings refuse it).");
        }

        var headers = request.HttpContext.Response.Headers;
        headers.Append("Vary", "Access-Control-Request-Headers");
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = RequestedHeaders(HttpEdge.Header(request, "Access-Control-Request-Headers"));
        headers.AccessControlMaxAge = MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return HandlerResult.Ok(StatusBody.Ok);
    }

    /// <summary>
    /// The headers the browser asked to send, echoed when they are a plain list of header names (whatever the Sales App
    /// adds tomorrow still works); Content-Type otherwise.
    /// </summary>
    internal static string RequestedHeaders(string? requested) =>
        requested is { Length: > 0 and <= 1024 }
        && requested.Split(',').All(h => h.Trim() is { Length: > 0 } name && name.All(IsTokenChar))
            ? requested
            : DefaultAllowedHeaders;

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
