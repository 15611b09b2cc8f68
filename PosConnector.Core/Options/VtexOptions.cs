namespace PosConnector.Core.Options;

/// <summary>VTEX credentials. A class, not a record: a record's ToString would print the tokens.</summary>
public sealed class VtexOptions
{
    public const string SectionName = "Vtex";

    /// <summary>The Gateway's payment hosts: the only places a callback (with the partner's key) may go.</summary>
    public static readonly IReadOnlyList<string> DefaultCallbackHosts = ["*.vtexpayments.com.br"];

    /// <summary>
    /// Merchants by name (the VTEX account, as <c>merchantName</c> carries it): <c>Vtex:Merchants:&lt;name&gt;:Credentials:N:AppKey</c>
    /// and <c>:AppToken</c>, several live pairs each so keys rotate without downtime. The older list shape
    /// <c>Vtex:Merchants:N:AppKey</c>/<c>:AppToken</c> still binds: a numeric name means "one merchant, named by the request".
    /// </summary>
    public Dictionary<string, VtexMerchantOptions> Merchants { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The partner's own VTEX key, sent on callbacks (never the merchant's).</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Vtex:CallbackAppKey is required (the partner's own VTEX AppKey for callbacks).")]
    public string CallbackAppKey { get; init; } = "";

    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Vtex:CallbackAppToken is required (the partner's own VTEX AppToken for callbacks).")]
    public string CallbackAppToken { get; init; } = "";

    /// <summary>The Test Suite sends empty credentials unless its toggle is on (docs/protocol.md §2).</summary>
    public bool AllowEmptyTestSuiteCredentials { get; init; }

    /// <summary>Host patterns callbacks may go to (exact, or <c>*.</c> for any subdomain); null = <see cref="DefaultCallbackHosts"/>.</summary>
    public List<string>? CallbackHosts { get; init; }

    /// <summary>Also allow http(s) callbacks to loopback hosts; honoured only in the Development and Testing environments.</summary>
    public bool AllowLoopbackCallbacks { get; init; }

    /// <summary>Why the merchants are misconfigured, or null.</summary>
    public static string? Validate(VtexOptions o)
    {
        if (o.Merchants.Count == 0)
        {
            return "Configure at least one merchant: Vtex:Merchants:<name>:Credentials:0:AppKey and :AppToken.";
        }

        var incomplete = o.Merchants.FirstOrDefault(m => !m.Value.AllCredentials.Any()
            || m.Value.AllCredentials.Any(c => string.IsNullOrEmpty(c.AppKey) || string.IsNullOrEmpty(c.AppToken)));
        return incomplete.Key is null
            ? null
            : $"Vtex:Merchants:{incomplete.Key} needs at least one credential pair, each with both AppKey and AppToken.";
    }
}

/// <summary>One merchant's credential pairs. <see cref="AppKey"/>/<see cref="AppToken"/> are the older single-pair shape.</summary>
public sealed class VtexMerchantOptions
{
    public List<VtexCredential> Credentials { get; init; } = [];

    public string AppKey { get; init; } = "";

    public string AppToken { get; init; } = "";

    public IEnumerable<VtexCredential> AllCredentials =>
        AppKey.Length > 0 || AppToken.Length > 0 ? [.. Credentials, new VtexCredential { AppKey = AppKey, AppToken = AppToken }] : Credentials;

    /// <summary>A numeric name comes from the older list shape: the merchant is whoever the request names.</summary>
    public static bool IsNamed(string name) => !name.All(char.IsAsciiDigit);
}

public sealed class VtexCredential
{
    public string AppKey { get; init; } = "";

    public string AppToken { get; init; } = "";
}
