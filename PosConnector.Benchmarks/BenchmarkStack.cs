using System.Globalization;
using Microsoft.Extensions.Logging.Console;
using PosConnector.Standalone.Extensions;
using PosConnector.VirtualTerminal;

namespace PosConnector.Benchmarks;

/// <summary>
/// Everything a POS payment touches, in this process over loopback: Azurite, the real standalone host with
/// its own storage prefix, the virtual terminal simulating <c>--terminals</c> terminals, and the callback sink.
/// Timings and retries are the hosts' production defaults; only credentials and addresses are set here.
/// </summary>
internal sealed class BenchmarkStack : IAsyncDisposable
{
    public const string MerchantAppKey = "vtexappkey-benchmark";
    public const string MerchantAppToken = "benchmark-merchant-app-token-0123456789";
    private const string AdminKey = "benchmark-admin-key-0123456789";

    private readonly List<Func<ValueTask>> _stops = [];

    private BenchmarkStack(Azurite azurite, IReadOnlyDictionary<string, string?> overrides)
    {
        Azurite = azurite;
        _overrides = overrides;
    }

    private readonly IReadOnlyDictionary<string, string?> _overrides;

    private Azure.Core.Pipeline.HttpPipelinePolicy? _connectorStorage;

    public Azurite Azurite { get; }

    public CallbackSink Callbacks { get; private set; } = null!;

    /// <summary>Talks to the connector as the Gateway and the terminal-connector app do.</summary>
    public HttpClient Connector { get; private set; } = null!;

    public IReadOnlyList<string> Serials { get; private set; } = [];

    /// <summary>When the virtual terminal started posting each payment's result (Stopwatch timestamp), by paymentId.</summary>
    public ResultPostClock ResultPosts { get; } = new();

    /// <summary>Starts a stack on its own Azurite; <paramref name="overrides"/> replace connector settings.</summary>
    public static async Task<BenchmarkStack> StartAsync(
        BenchmarkOptions options, IReadOnlyDictionary<string, string?>? overrides = null, Azure.Core.Pipeline.HttpPipelinePolicy? connectorStorage = null)
    {
        var stack = new BenchmarkStack(await Azurite.StartAsync(), overrides ?? new Dictionary<string, string?>()) { _connectorStorage = connectorStorage };
        try
        {
            await stack.StartHostsAsync(options);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            await _stops[i]();
        }

        Azurite.Dispose();
    }

    private async Task StartHostsAsync(BenchmarkOptions options)
    {
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..10];
        var baseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
        Serials = [.. Enumerable.Range(1, options.Terminals).Select(i => $"BENCH-{i:D3}")];

        Callbacks = await CallbackSink.StartAsync();
        _stops.Add(Callbacks.DisposeAsync);

        // Loopback callbacks (the local sink) are allowed only in Testing, set through args so IHostEnvironment sees it.
        var connector = PosConnectorHost.Build(["--environment=Testing"], builder =>
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(ConnectorSettings(Azurite.ConnectionString, prefix, baseUrl, options.ConnectorLogLevel));
            builder.Configuration.AddInMemoryCollection(_overrides);
            builder.WebHost.UseUrls(baseUrl);
            // Its log lines go to stderr, so stdout stays this report whatever the level.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            if (_connectorStorage is { } policy)
            {
                builder.Services.AddSingleton(policy);
            }
        });
        await connector.StartAsync();
        _stops.Add(async () =>
        {
            await connector.StopAsync();
            await connector.DisposeAsync();
        });

        Connector = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        _stops.Add(() =>
        {
            Connector.Dispose();
            return ValueTask.CompletedTask;
        });
        foreach (var serial in Serials)
        {
            await RegisterTerminalAsync(serial);
        }

        var terminal = VirtualTerminalHost.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Benchmark";
            builder.Configuration.Sources.Clear();
            // The same Azurite under another host name, so StorageRequestCounter can tell the terminal's requests apart.
            var terminalStorage = Azurite.ConnectionString.Replace(StorageRequestCounter.ConnectorHost, StorageRequestCounter.TerminalHost, StringComparison.Ordinal);
            builder.Configuration.AddInMemoryCollection(VirtualTerminalSettings(terminalStorage, prefix, baseUrl, options.AnswerDelayMs, Serials));
            builder.Services.AddHttpClient<ResultPoster>().AddHttpMessageHandler(() => new ResultPostClockHandler(ResultPosts));
        });
        await terminal.StartAsync();
        _stops.Add(async () =>
        {
            await terminal.StopAsync();
            terminal.Dispose();
        });
    }

    /// <summary>PUT /api/admin/terminals/{serial} with X-Admin-Key, as an operator registers a terminal.</summary>
    private async Task RegisterTerminalAsync(string serial)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/terminals/{serial}")
        {
            Content = JsonContent.Create(new { merchantName = "benchmark", label = serial, secret = SecretFor(serial), enabled = true }),
        };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await Connector.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Registering {serial} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string SecretFor(string serial) => $"benchmark-secret-of-{serial}-0123456789";

    private static Dictionary<string, string?> ConnectorSettings(string storage, string prefix, string baseUrl, LogLevel logLevel) => new()
    {
        ["Vtex:Merchants:0:AppKey"] = MerchantAppKey,
        ["Vtex:Merchants:0:AppToken"] = MerchantAppToken,
        ["Vtex:CallbackAppKey"] = "vtexappkey-benchmark-partner",
        ["Vtex:CallbackAppToken"] = "benchmark-partner-app-token-0123456789",
        ["Vtex:AllowLoopbackCallbacks"] = "true",
        ["Connector:PublicBaseUrl"] = baseUrl,
        ["Connector:SubmitTokenSecret"] = "benchmark-submit-token-secret-0123456789-abcdef",
        ["Terminals:SecretEncryptionKey"] = "YmVuY2htYXJrLXRlcm1pbmFsLXNlY3JldC1rZXktMDE=", // 32 bytes; the host runs as "Benchmark"
        ["Connector:AdminKey"] = AdminKey,
        ["Storage:ConnectionString"] = storage,
        ["Storage:Prefix"] = prefix,
        ["Storage:TerminalCommandsQueue"] = prefix + "-commands",
        // The level asked for, with the framework categories as production's appsettings.json has them.
        ["Logging:LogLevel:Default"] = logLevel.ToString(),
        ["Logging:LogLevel:Microsoft.AspNetCore"] = Max(logLevel, LogLevel.Warning).ToString(),
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = Max(logLevel, LogLevel.Warning).ToString(),
        ["Logging:LogLevel:Azure"] = Max(logLevel, LogLevel.Warning).ToString(),
    };

    private static LogLevel Max(LogLevel a, LogLevel b) => a > b ? a : b;

    private static Dictionary<string, string?> VirtualTerminalSettings(
        string storage, string prefix, string connectorUrl, int answerDelayMs, IReadOnlyList<string> serials)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Storage:Prefix"] = prefix,
            ["Storage:TerminalCommandsQueue"] = prefix + "-commands",
            ["VirtualTerminal:ConnectorUrl"] = connectorUrl,
            ["VirtualTerminal:AnswerDelay"] = TimeSpan.FromMilliseconds(answerDelayMs).ToString("c", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Error",
        };
        for (var i = 0; i < serials.Count; i++)
        {
            settings[$"VirtualTerminal:Terminals:{i}:SerialNumber"] = serials[i];
            settings[$"VirtualTerminal:Terminals:{i}:Secret"] = SecretFor(serials[i]);
        }

        return settings;
    }
}
