namespace PosConnector.ConformanceKit;

/// <summary>
/// What the kit is pointed at and with which credentials. A class, not a record: a record's generated ToString would
/// print the AppToken, the admin key and the terminal secret.
/// </summary>
public sealed class KitOptions
{
    /// <summary>The connector's base, e.g. https://host (a trailing /api is accepted and removed).</summary>
    public required string Url { get; init; }

    public required string AppKey { get; init; }
    public required string AppToken { get; init; }

    /// <summary>The merchant's VTEX account name, sent as <c>merchantName</c> (and used to register the kit's terminal).</summary>
    public string MerchantName { get; init; } = "conformancekit";

    public string? AdminKey { get; init; }
    public string? TerminalSerial { get; init; }
    public string? TerminalSecret { get; init; }

    /// <summary>Register <see cref="TerminalSerial"/> with <see cref="TerminalSecret"/> through the admin API first.</summary>
    public bool RegisterTerminal { get; init; }

    public bool Manual { get; init; }

    /// <summary>Run the local callback receiver (on <see cref="CallbackListenUrl"/>); off: every callback check is skipped.</summary>
    public bool ListenForCallbacks { get; init; } = true;

    public string CallbackListenUrl { get; init; } = "http://127.0.0.1:0";

    /// <summary>A public URL that reaches the local receiver (a tunnel), for deployments that do not call back to loopback.</summary>
    public string? CallbackPublicUrl { get; init; }

    /// <summary>The VTEX account in the VTEX-shaped callbackUrl used when the deployment refuses the kit's receiver.</summary>
    public string VtexAccount { get; init; } = "conformancekit";

    /// <summary>The longest any answer may take: VTEX allows 5 s in tests, 20 s in production.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for a Test Suite async callback: VTEX's Test Suite expects it within about 15 s.</summary>
    public TimeSpan CallbackPatience { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Extra time over the wait app's secondsWaiting before a POS wait counts as failed.</summary>
    public TimeSpan WaitMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A store domain Sales App could run on, for the CORS check.</summary>
    public string StoreOrigin { get; init; } = "https://www.mystore.com.br";

    /// <summary>The amount of each POS payment (the manual mode asks a person to pay it).</summary>
    public decimal Amount { get; init; } = 1.00m;

    /// <summary>Run only these checks (by name); empty: all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    public string? JsonPath { get; init; }
    public string? JUnitPath { get; init; }

    public TerminalMode TerminalMode =>
        Manual ? TerminalMode.Manual
        : !string.IsNullOrEmpty(AdminKey) && !string.IsNullOrEmpty(TerminalSecret) ? TerminalMode.Play
        : TerminalMode.None;

    public string BaseUrl
    {
        get
        {
            var url = Url.TrimEnd('/');
            return url.EndsWith("/api", StringComparison.OrdinalIgnoreCase) ? url[..^4] : url;
        }
    }
}
