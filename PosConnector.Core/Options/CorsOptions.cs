namespace PosConnector.Core.Options;

/// <summary>
/// Browser origins allowed to post to the submitUrl: VTEX's terminal-connector Payment App runs inside Sales App
/// (a web view on the store's VTEX domain) and posts the serial from there.
/// </summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    public static readonly IReadOnlyList<string> DefaultAllowedOrigins = ["https://*.myvtex.com", "https://*.vtexcommercestable.com.br"];

    /// <summary><c>scheme://host[:port]</c>, the host may start with <c>*.</c>; null = <see cref="DefaultAllowedOrigins"/>.</summary>
    public List<string>? AllowedOrigins { get; init; }

    public IReadOnlyList<string> EffectiveOrigins => AllowedOrigins ?? DefaultAllowedOrigins;
}
