namespace PosConnector.Core.Options;

/// <summary>
/// Which browser origins may post to the submitUrl. VTEX's terminal-connector Payment App runs inside Sales App, which
/// is served from every domain of the store (custom domains, <c>{account}.vtex.app</c>, VTEX's own hosts), so by
/// default every origin is answered: the per-payment token in the submitUrl is the authorization, not the origin.
/// </summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>
    /// Optional allow-list, for operators who want one: <c>scheme://host[:port]</c>, the host may start with <c>*.</c>.
    /// Empty = every origin.
    /// </summary>
    public List<string> AllowedOrigins { get; init; } = [];

    /// <summary>Optional deny-list, same patterns; wins over the allow-list.</summary>
    public List<string> DeniedOrigins { get; init; } = [];

    /// <summary>The first pattern that is not <c>http(s)://host[:port]</c>, named with its setting; null when all are.</summary>
    public static string? Validate(CorsOptions options) =>
        options.AllowedOrigins.Select((p, i) => (p, $"Cors:AllowedOrigins:{i}"))
            .Concat(options.DeniedOrigins.Select((p, i) => (p, $"Cors:DeniedOrigins:{i}")))
            .Where(x => !IsPattern(x.p))
            .Select(x => $"{x.Item2} = '{x.p}' is not an origin pattern: use scheme://host[:port], the host may start with '*.'.")
            .FirstOrDefault();

    private static bool IsPattern(string pattern) =>
        Uri.TryCreate(pattern.Replace("://*.", "://wildcard.", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && !pattern.EndsWith('/') && uri.UserInfo.Length == 0;
}
