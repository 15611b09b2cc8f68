using System.Globalization;

namespace PosConnector.ConformanceKit;

/// <summary>
/// The command line. Secrets may come from environment variables instead of arguments, so they stay out of shell
/// history and CI logs: POSCONNECTOR_APP_TOKEN, POSCONNECTOR_ADMIN_KEY, POSCONNECTOR_TERMINAL_SECRET.
/// </summary>
public static class KitArguments
{
    public const string Usage = """
        posconnector-check --url https://<host> --app-key <key> --app-token <token> [options]

        Checks a PosConnector deployment as VTEX's gateway, Sales App and wait app would (docs/vtex-setup.md, Homologation).
          --url URL                 the connector (its /api base is accepted too)
          --app-key, --app-token    a merchant pair configured on the deployment (token also: POSCONNECTOR_APP_TOKEN)
          --merchant NAME           the merchant's VTEX account name (merchantName)          default conformancekit
          --admin-key KEY           X-Admin-Key (also POSCONNECTOR_ADMIN_KEY): lets the kit play the terminal
          --terminal-serial S       the terminal the POS checks use (registered, and served by nobody else when played)
          --terminal-secret X       its secret (also POSCONNECTOR_TERMINAL_SECRET): the kit signs its results
          --register-terminal       register the serial with that secret first (admin key, merchant)
          --manual                  a person pays on the real terminal --terminal-serial; the kit waits
          --callback-listen URL     the local callback receiver                                default http://127.0.0.1:0
          --callback-public-url U   a public URL reaching that receiver (a tunnel), for a deployed connector
          --no-callback-listener    no receiver: the callback checks are skipped
          --vtex-account NAME       account in the VTEX-shaped callbackUrl used when the receiver is refused
          --time-limit SECONDS      longest answer allowed: 5 (VTEX tests), 20 (production)    default 5
          --callback-patience SEC   wait for a Test Suite async callback                       default 15
          --store-origin ORIGIN     a store domain for the CORS check                          default https://www.mystore.com.br
          --amount VALUE            the POS payments' amount                                   default 1.00
          --only a,b                run only the named checks
          --json FILE, --junit FILE also write the report as JSON / JUnit XML
          --list                    list the checks and their sources
        Exit code: 0 when every check that ran passed, 1 when one failed, 2 when it could not run (usage, terminal registration).
        """;

    public static KitOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--register-terminal" or "--manual" or "--no-callback-listener")
            {
                flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[arg] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }
        }

        string? Value(string name, string? variable = null) =>
            values.TryGetValue(name, out var v) ? v : variable is null ? null : environment(variable);

        var url = Value("--url") ?? throw new ArgumentException("--url is required.");
        var options = new KitOptions
        {
            Url = url,
            AppKey = Value("--app-key") ?? throw new ArgumentException("--app-key is required."),
            AppToken = Value("--app-token", "POSCONNECTOR_APP_TOKEN") ?? throw new ArgumentException("--app-token (or POSCONNECTOR_APP_TOKEN) is required."),
            MerchantName = Value("--merchant") ?? "conformancekit",
            AdminKey = Value("--admin-key", "POSCONNECTOR_ADMIN_KEY"),
            TerminalSerial = Value("--terminal-serial"),
            TerminalSecret = Value("--terminal-secret", "POSCONNECTOR_TERMINAL_SECRET"),
            RegisterTerminal = flags.Contains("--register-terminal"),
            Manual = flags.Contains("--manual"),
            ListenForCallbacks = !flags.Contains("--no-callback-listener"),
            CallbackListenUrl = Value("--callback-listen") ?? "http://127.0.0.1:0",
            CallbackPublicUrl = Value("--callback-public-url"),
            VtexAccount = Value("--vtex-account") ?? "conformancekit",
            TimeLimit = Seconds(Value("--time-limit"), 5),
            CallbackPatience = Seconds(Value("--callback-patience"), 15),
            StoreOrigin = Value("--store-origin") ?? "https://www.mystore.com.br",
            Amount = decimal.Parse(Value("--amount") ?? "1.00", NumberStyles.Number, CultureInfo.InvariantCulture),
            Only = Value("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            JsonPath = Value("--json"),
            JUnitPath = Value("--junit"),
        };

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException("--url must be an absolute URL.");
        }

        if ((options.Manual || options.TerminalMode == TerminalMode.Play || options.RegisterTerminal) && string.IsNullOrEmpty(options.TerminalSerial))
        {
            throw new ArgumentException("--terminal-serial is required to play the terminal, register it or pay by hand.");
        }

        if (options.RegisterTerminal && options.TerminalMode != TerminalMode.Play)
        {
            throw new ArgumentException("--register-terminal needs --admin-key and --terminal-secret.");
        }

        return options;
    }

    private static TimeSpan Seconds(string? value, double fallback) =>
        TimeSpan.FromSeconds(value is null ? fallback : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
}
