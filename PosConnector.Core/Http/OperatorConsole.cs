using System.Text;

namespace PosConnector.Core.Http;

/// <summary>
/// The operator console: one static page (embedded, no build step) that both hosts serve at <see cref="Route"/>. It
/// carries no data: it asks for the admin key, keeps it in the tab's sessionStorage only, and calls the admin routes
/// with it (X-Admin-Key). On Azure, put Entra ID (App Service authentication) in front of it (docs/operations.md).
/// </summary>
public static class OperatorConsole
{
    public const string Route = "api/admin/console";
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>Only this page's own script and same-origin calls; no framing (clickjacking), no referrer to elsewhere.</summary>
    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = "no-store",
    };

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(OperatorConsole).Assembly.GetManifestResourceStream("PosConnector.Core.Http.Console.index.html")
            ?? throw new InvalidOperationException("The operator console is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static string Html => Page.Value;
}
