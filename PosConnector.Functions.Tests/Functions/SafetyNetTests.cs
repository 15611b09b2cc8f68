using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosConnector.Core;
using PosConnector.Core.Handlers;
using PosConnector.Core.Json;
using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Security;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Functions.Orchestration;
using PosConnector.TestSupport;
using PosConnector.Standalone.Effects;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// What keeps a payment from being stranded or a host from starting half-configured: the sweep (Core, both hosts)
/// over Azurite, the callback retry rule the orchestrator loops on, and the Key Vault reference check.
/// </summary>
[Trait("Category", "Functions")]
public sealed class SafetyNetTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_PaymentWhoseDeadlineMessageWasLost_IsDecidedAndItsCallbackLaterAbandoned()
    {
        var clock = new ShiftedTimeProvider();
        await using var services = await SweepServicesAsync(clock);
        using var metrics = new MetricsRecorder(services.GetRequiredService<IMeterFactory>());
        var storage = services.GetRequiredService<StorageClients>();
        var sweep = services.GetRequiredService<PaymentSweep>();
        var engine = services.GetRequiredService<PaymentEngine>();
        var id = Payments.NewId();
        var created = await CreateAsyncTestSuitePaymentAsync(services, id, "http://127.0.0.1:9/callback");

        var beforeDeadline = await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        var pastDeadline = await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);
        var approved = await engine.FindAsync(id, Ct);
        var callbackQueued = (await storage.Callbacks.PeekMessagesAsync(32, Ct)).Value.Any(m => m.MessageText.Contains(id, StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMinutes(12));
        var pastDelayToCancel = await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);
        var abandoned = await engine.FindAsync(id, Ct);
        var history = await engine.HistoryAsync(id, Ct);
        var afterwards = await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);

        Assert.Equal(200, created.StatusCode);
        Assert.Equal(0, beforeDeadline);
        Assert.Equal(1, pastDeadline);
        Assert.Equal(PaymentPhase.Approved, approved!.Phase);
        Assert.Equal(CallbackStatus.Pending, approved.Callback);
        Assert.True(callbackQueued, "the owed callback was not handed to the callback queue");
        Assert.Equal(1, pastDelayToCancel);
        Assert.Equal(CallbackStatus.Abandoned, abandoned!.Callback);
        Assert.Contains(history, h => h.Note.StartsWith("OPERATOR ALERT: callback abandoned", StringComparison.Ordinal));
        Assert.Equal(0, afterwards);
        // Each alert is a metric too, counted once: the deadline the sweep had to apply, the callback it gave up.
        Assert.Equal(1, metrics.Sum(PaymentMetrics.PastDeadline, ("phase", "awaiting_terminal")));
        Assert.Equal(1, metrics.Sum(PaymentMetrics.CallbackAbandoned));
        Assert.Equal(1, metrics.Sum(PaymentMetrics.Completed, ("status", "approved")));
    }

    [Fact]
    public async Task Sweep_PaymentPastItsDeadline_RaisesTheOperatorAlertInfraPagesFor()
    {
        var clock = new ShiftedTimeProvider();
        var logs = new CapturingLoggerProvider();
        await using var services = await SweepServicesAsync(clock, logs);
        var sweep = services.GetRequiredService<PaymentSweep>();
        var id = Payments.NewId();
        await CreateAsyncTestSuitePaymentAsync(services, id, "http://127.0.0.1:9/callback");

        clock.Advance(TimeSpan.FromMinutes(2));
        await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);

        var alert = Assert.Single(logs.Entries, entry => entry.EventId.Id == OperatorAlerts.PastDeadlineEventId);
        Assert.Equal(LogLevel.Critical, alert.Level);
        Assert.StartsWith($"{OperatorAlerts.Marker} payment {id}: still AwaitingTerminal", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_CallbackWhoseRetryChainWasLost_IsDeliveredOnce_OnlyAfterTheFirstAttemptsWindow()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var clock = new ShiftedTimeProvider();
        // A callback attempt may take 2 x 60 s + 5 s: the sweep keeps off a payment saved more recently than that.
        await using var services = await SweepServicesAsync(clock, ("Callbacks:RequestTimeout", "00:01:00"));
        var storage = services.GetRequiredService<StorageClients>();
        var sweep = services.GetRequiredService<PaymentSweep>();
        var engine = services.GetRequiredService<PaymentEngine>();
        var id = Payments.NewId();
        await CreateAsyncTestSuitePaymentAsync(services, id, receiver.CallbackUrlFor("TX1", id));

        clock.Advance(TimeSpan.FromMinutes(2));
        await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct); // approves it: the callback is owed from now
        await storage.Callbacks.ClearMessagesAsync(Ct); // and its retry chain is lost
        await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);
        var withinWindow = receiver.For(id).Count;
        clock.Advance(TimeSpan.FromMinutes(1));
        await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);
        var afterWindow = await engine.FindAsync(id, Ct);
        var later = await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, Ct);

        Assert.Equal(0, withinWindow);
        Assert.Equal("approved", (string?)Assert.Single(receiver.For(id)).Body["status"]);
        Assert.Equal(CallbackStatus.Delivered, afterWindow!.Callback);
        Assert.Contains(await engine.HistoryAsync(id, Ct), h => h.Note == "Callback delivered by the sweep (its retry chain was lost).");
        Assert.Equal(0, later);
    }

    [Fact]
    public void OpenPayments_AreThoseOwingACallbackOrPastTheirDeadline()
    {
        var now = DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var charging = DeciderSpec.Given(DeciderSpec.Charging())!;
        var approved = DeciderSpec.Given(DeciderSpec.Approved())!;
        var grace = TimeSpan.FromMinutes(1);

        Assert.False(OpenPaymentsQuery.IsOpen(charging, charging.Deadline!.Value, grace));
        Assert.True(OpenPaymentsQuery.IsOpen(charging, charging.Deadline!.Value + grace, grace));
        Assert.True(OpenPaymentsQuery.IsOpen(approved, now, grace));
        Assert.False(OpenPaymentsQuery.IsOpen(approved with { Callback = CallbackStatus.Delivered }, now.AddYears(1), grace));
    }

    [Theory]
    [InlineData(1, 0, "00:00:05")]
    [InlineData(2, 0, "00:00:10")]
    [InlineData(9, 0, "00:02:00")]
    [InlineData(9, 500, "00:01:30")]
    [InlineData(1, 588, "00:00:02")]
    [InlineData(1, 590, null)]
    [InlineData(1, 596, null)]
    public void NextAttemptAt_FollowsCoreBackoff_AndNeverPassesDelayToCancel(int failedAttempt, int elapsedSeconds, string? expectedDelay)
    {
        // The last attempt may start 10 s (the request timeout) before delayToCancel, as late as the policy allows.
        var retry = new CallbackRetry(TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2), RequestTimeout: TimeSpan.FromSeconds(10));
        var created = DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var now = created.AddSeconds(elapsedSeconds);

        var next = retry.NextAttemptAt(failedAttempt, now, giveUpAt: created.AddSeconds(600));

        Assert.Equal(expectedDelay is null ? null : now + TimeSpan.Parse(expectedDelay, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void AddPosConnectorCore_WithAnUnresolvedKeyVaultReference_RefusesToStartNamingTheSettingNotTheValue()
    {
        var settings = TestSettings.Connector(azurite.ConnectionString, "kv", "https://pos.example.com");
        settings["Vtex:CallbackAppToken"] = "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/callback-token/)";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPosConnectorCore(configuration));

        Assert.Contains("Vtex:CallbackAppToken", e.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-x.vault.azure.net", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPosConnectorCore_WithResolvedSettings_Registers()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TestSettings.Connector(azurite.ConnectionString, "kv", "https://pos.example.com")).Build();

        var services = new ServiceCollection().AddPosConnectorCore(configuration);

        Assert.Contains(services, d => d.ServiceType == typeof(PaymentSweep));
    }

    /// <summary>
    /// A Test Suite async card: approved when its deadline passes. Nothing consumes the deadline or callback queues
    /// here, so only the sweep moves the payment on.
    /// </summary>
    private static async Task<HandlerResult> CreateAsyncTestSuitePaymentAsync(IServiceProvider services, string id, string callbackUrl)
    {
        var body = PosConnectorJson.Deserialize<CreatePaymentRequest>(
            Payments.Create(id, 10m, callbackUrl, cardNumber: "4222222222222224").ToString());
        return await services.GetRequiredService<CreatePaymentHandler>().HandleAsync(body, isTestSuite: true, new VtexCaller(null, Anonymous: false), Ct);
    }

    /// <summary>Core's services on their own tables and queues, created, for driving the sweep by hand.</summary>
    private Task<ServiceProvider> SweepServicesAsync(TimeProvider clock, params (string Key, string Value)[] overrides) =>
        SweepServicesAsync(clock, logs: null, overrides);

    private async Task<ServiceProvider> SweepServicesAsync(
        TimeProvider clock, ILoggerProvider? logs, params (string Key, string Value)[] overrides)
    {
        var settings = TestSettings.Connector(azurite.ConnectionString, TestEnvironment.UniquePrefix(), "https://pos.example.com");
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var services = new ServiceCollection().AddLogging(builder =>
        {
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddSingleton(TestEnvironment.Host());
        services.AddPosConnectorCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IPaymentEffectDispatcher, QueueEffectDispatcher>();
        services.AddSingleton<ITerminalCommandSender, StorageQueueTerminalCommandSender>();
        services.AddSingleton(clock);
        var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<StorageClients>();
        await storage.EnsureTablesAsync(Ct);
        await storage.EnsureQueuesAsync(Ct);
        return provider;
    }

    private sealed record LogEntry(LogLevel Level, EventId EventId, string Message);

    /// <summary>Keeps every log line, so a test can assert on an operator alert.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
