using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Http;
using PosConnector.Core.Json;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Terminals;
using PosConnector.Functions.Hosting;
using PosConnector.Functions.Http;
using PosConnector.Functions.Messaging;
using PosConnector.Functions.Orchestration;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's own classes over Azurite, with the real Durable engine in process (DurableTaskTestHost):
/// the orchestrator function's code and the real PaymentActivities methods are registered under their function
/// names; the wakeup and outbox queues are pumped into the real WakeFunctions, as the Functions runtime would.
/// Terminal commands go on the Storage Queue transport; the test plays the terminal. Only VTEX is faked
/// (CallbackReceiver).
/// </summary>
public sealed class FunctionsWorld(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string Terminal = "F-1";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private ServiceProvider _services = null!;
    private DurableTaskTestHost _durable = null!;
    private int _applyDeadlineFailuresLeft;
    private int _applyDeadlineCalls;
    private int _readStepCalls;
    private int _orchestratorRuns;
    private int _replays;
    private readonly List<NotifyCall> _notifyCalls = [];
    private readonly List<string> _reminders = [];
    private FailingCommandSender _commands = null!;

    public ShiftedTimeProvider Clock { get; } = new();

    /// <summary>What the host's own telemetry setup exports (AddPosConnectorFunctions), kept in memory.</summary>
    public TelemetryCapture Telemetry { get; } = new();

    public IServiceProvider Services => _services;
    public CallbackReceiver Callbacks { get; private set; } = null!;
    public StorageClients Storage => _services.GetRequiredService<StorageClients>();
    public DurableTaskClient Durable => _durable.Client;
    public PppFunctions Ppp { get; private set; } = null!;
    public PosFunctions Pos { get; private set; } = null!;
    public AdminFunctions Admin { get; private set; } = null!;
    public HealthFunctions Health { get; private set; } = null!;
    public MaintenanceFunctions Maintenance { get; private set; } = null!;
    public PaymentActivities Activities { get; private set; } = null!;

    public int ApplyDeadlineCalls => Volatile.Read(ref _applyDeadlineCalls);

    /// <summary>Turns that had to read the table for their step (none should, while nothing fails).</summary>
    public int ReadStepCalls => Volatile.Read(ref _readStepCalls);
    public int OrchestratorRuns => Volatile.Read(ref _orchestratorRuns);
    public int Replays => Volatile.Read(ref _replays);

    public IReadOnlyList<NotifyCall> NotifyCallsFor(string paymentId)
    {
        lock (_notifyCalls)
        {
            return [.. _notifyCalls.Where(c => c.PaymentId == paymentId)];
        }
    }

    /// <summary>The outbox messages (payment ids) the outbox queue trigger received, in order.</summary>
    public IReadOnlyList<string> RemindersReceived
    {
        get
        {
            lock (_reminders)
            {
                return [.. _reminders];
            }
        }
    }

    /// <summary>The next <paramref name="times"/> sends of the payment's terminal commands throw, as a transport outage would.</summary>
    public void FailTerminalCommands(string paymentId, int times) => _commands.FailNext(paymentId, times);

    /// <summary>How long an outbox reminder waits (Storage:OutboxReminderDelay).</summary>
    public TimeSpan ReminderDelay => _services.GetRequiredService<IOptions<StorageOptions>>().Value.OutboxReminderDelay;

    /// <summary>The next <paramref name="times"/> ApplyDeadline activities throw, as a storage outage would.</summary>
    public void FailApplyDeadline(int times) => Interlocked.Exchange(ref _applyDeadlineFailuresLeft, times);

    public static (string Name, string Value)[] AdminKey => [(AdminEndpoints.AdminKeyHeader, TestSettings.AdminKey)];

    public static (string Name, string Value)[] Merchant => PppClient.Merchant;

    public async ValueTask InitializeAsync()
    {
        Callbacks = await CallbackReceiver.StartAsync();
        var settings = TestSettings.Connector(azurite.ConnectionString, QueueNames.Prefix, "https://pos.example.com");
        settings["Storage:TerminalCommandsQueue"] = QueueNames.Prefix + "-fn-commands";
        settings["ServiceBus:FullyQualifiedNamespace"] = "sb-unused.servicebus.windows.net";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(TestEnvironment.Host());
        services.AddPosConnectorFunctions(configuration);
        services.AddSingleton<StorageQueueTerminalCommandSender>();
        services.AddSingleton<ITerminalCommandSender>(sp => new FailingCommandSender(sp.GetRequiredService<StorageQueueTerminalCommandSender>()));
        services.AddSingleton<TimeProvider>(Clock);
        Telemetry.AddTo(services);
        _services = services.BuildServiceProvider();
        TelemetryCapture.Start(_services);
        _commands = (FailingCommandSender)_services.GetRequiredService<ITerminalCommandSender>();

        await ActivatorUtilities.CreateInstance<StorageInitializer>(_services).StartAsync(_stop.Token);
        Ppp = ActivatorUtilities.CreateInstance<PppFunctions>(_services);
        Pos = ActivatorUtilities.CreateInstance<PosFunctions>(_services);
        Admin = ActivatorUtilities.CreateInstance<AdminFunctions>(_services);
        Health = ActivatorUtilities.CreateInstance<HealthFunctions>(_services);
        Maintenance = ActivatorUtilities.CreateInstance<MaintenanceFunctions>(_services);
        Activities = ActivatorUtilities.CreateInstance<PaymentActivities>(_services);
        var wake = ActivatorUtilities.CreateInstance<WakeFunctions>(_services);

        var converter = new NewtonsoftDataConverter();
        _durable = await DurableTaskTestHost.StartAsync(Register, new DurableTaskTestHostOptions
        {
            // The engine's own logs (gRPC sidecar, every work item) stay out of the test output.
            LoggerFactory = NullLoggerFactory.Instance,
            ConfigureServices = s =>
            {
                s.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                s.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
            },
        });

        var wakeups = _services.GetRequiredService<PaymentWakeups>().Queue;
        _pumps.Add(PumpAsync(wakeups, id => wake.WakePayment(id, _durable.Client, _stop.Token)));
        _pumps.Add(PumpAsync(Storage.Outbox, id =>
        {
            lock (_reminders)
            {
                _reminders.Add(id);
            }

            return wake.DrainOutbox(id, _stop.Token);
        }));

        var registered = await RegisterTerminalAsync(Terminal);
        if (registered.Status != 200)
        {
            throw new InvalidOperationException("Could not register the test terminal.");
        }
    }

    private void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<PaymentOrchestrationInput, string>(nameof(PaymentOrchestrator), (context, input) =>
        {
            Interlocked.Increment(ref _orchestratorRuns);
            if (context.IsReplaying)
            {
                Interlocked.Increment(ref _replays);
            }

            return PaymentOrchestrator.RunAsync(context, input);
        });
        registry.AddActivityFunc<string, StepDto>(nameof(PaymentActivities.ReadPaymentStep),
            (_, paymentId) =>
            {
                Interlocked.Increment(ref _readStepCalls);
                return Activities.ReadPaymentStep(paymentId, _stop.Token);
            });
        registry.AddActivityFunc<string, StepDto>(nameof(PaymentActivities.ApplyDeadline), async (_, paymentId) =>
        {
            Interlocked.Increment(ref _applyDeadlineCalls);
            if (Interlocked.Decrement(ref _applyDeadlineFailuresLeft) >= 0)
            {
                throw new InvalidOperationException("Injected failure: the payments table is unreachable.");
            }

            return await Activities.ApplyDeadline(paymentId, _stop.Token);
        });
        registry.AddActivityFunc<CallbackMessage, bool>(nameof(PaymentActivities.NotifyVtex), async (_, callback) =>
        {
            var startedAt = Clock.GetUtcNow();
            var delivered = await Activities.NotifyVtex(callback, _stop.Token);
            lock (_notifyCalls)
            {
                _notifyCalls.Add(new NotifyCall(callback.PaymentId, callback.Attempt, startedAt, callback.GiveUpAt, delivered));
            }

            return delivered;
        });
        registry.AddActivityFunc<CallbackMessage>(nameof(PaymentActivities.AbandonCallback),
            (_, callback) => Activities.AbandonCallback(callback, _stop.Token));
    }

    private async Task<FunctionReply> RegisterTerminalAsync(string serial) => FunctionReply.From(await Admin.UpsertTerminal(
        HttpRequests.Create("PUT", $"/api/admin/terminals/{serial}",
            new JObject { ["merchantName"] = TestSettings.MerchantName, ["label"] = "Counter", ["secret"] = TestSettings.SecretFor(serial), ["enabled"] = true }
                .ToString(Newtonsoft.Json.Formatting.None),
            AdminKey),
        serial,
        _stop.Token));

    /// <summary>
    /// Create → submit serial → create again, all through the HTTP functions: returns the paymentId once charging. Each
    /// charge goes to a terminal of its own: the connector allows one live charge per terminal, and these tests play
    /// the terminal, leaving aborts unanswered (the terminal stays busy until the charge's expiry and grace).
    /// </summary>
    public async Task<string> StartChargeAsync(decimal value, string? paymentId = null)
    {
        var serial = "F-" + Payments.NewId()[..10];
        if ((await RegisterTerminalAsync(serial)).Status != 200)
        {
            throw new InvalidOperationException($"Could not register terminal {serial}.");
        }

        paymentId ??= Payments.NewId();
        var body = Payments.Create(paymentId, value, Callbacks.CallbackUrlFor("TX1", paymentId));
        var first = await CreateAsync(body);
        var payload = JObject.Parse((string)first.Json["paymentAppData"]!["payload"]!);
        var submitUrl = new Uri((string)payload["submitUrl"]!);
        var submitted = FunctionReply.From(await Pos.SubmitSerial(
            HttpRequests.Post(submitUrl.PathAndQuery, new JObject { ["serialNumber"] = serial }), paymentId, _stop.Token));
        if (submitted.Status != 200)
        {
            throw new InvalidOperationException($"Serial refused: {submitted.Body}");
        }

        await CreateAsync(body);
        return paymentId;
    }

    public async Task<FunctionReply> CreateAsync(JObject body, params (string Name, string Value)[] extraHeaders) =>
        FunctionReply.From(await Ppp.CreatePayment(HttpRequests.Post("/api/payments", body, [.. Merchant, .. extraHeaders]), _stop.Token));

    /// <summary>Plays the terminal: waits for the command of <paramref name="type"/> for the payment and removes it.</summary>
    public async Task<TerminalCommand> TakeCommandAsync(string paymentId, TerminalCommandType type)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var messages = (await Storage.TerminalCommands.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1), _stop.Token)).Value;
            foreach (var message in messages)
            {
                var command = PosConnectorJson.Deserialize<TerminalCommand>(message.MessageText);
                if (command.PaymentId == paymentId && command.Type == type)
                {
                    await Storage.TerminalCommands.DeleteMessageAsync(message.MessageId, message.PopReceipt, _stop.Token);
                    return command;
                }
            }

            await Task.Delay(100, _stop.Token);
        }

        throw new TimeoutException($"No {type} command for {paymentId} within {Patience}.");
    }

    /// <summary>Posts a signed terminal result through the ReceiveTerminalResult function.</summary>
    public async Task<FunctionReply> PostResultAsync(TerminalCommand command, string status)
    {
        var result = new JObject
        {
            ["commandId"] = command.CommandId,
            ["paymentId"] = command.PaymentId,
            ["type"] = command.Type.ToString().ToLowerInvariant(),
            ["status"] = status,
            ["authorizationId"] = "AUT-1",
            ["nsu"] = "NSU-1",
            ["tid"] = "TID-1",
            ["acquirer"] = "TestAcquirer",
            ["cardBrand"] = "Visa",
            ["firstDigits"] = "411111",
            ["lastDigits"] = "1111",
        }.ToString(Newtonsoft.Json.Formatting.None);
        var serial = command.SerialNumber;
        var signature = TerminalSignature.Create(TestSettings.SecretFor(serial), DateTimeOffset.UtcNow, result);
        return FunctionReply.From(await Pos.ReceiveTerminalResult(
            HttpRequests.Create("POST", $"/api/terminals/{serial}/results", result, (TerminalSignature.HeaderName, signature)), serial, _stop.Token));
    }

    public async Task<JObject> ViewAsync(string paymentId) =>
        FunctionReply.From(await Admin.GetPayment(HttpRequests.Get($"/api/admin/payments/{paymentId}", AdminKey), paymentId, _stop.Token)).Json;

    public async Task<JObject> WaitForPaymentAsync(string paymentId, Func<JObject, bool> done)
    {
        var until = DateTime.UtcNow + Patience;
        var last = await ViewAsync(paymentId);
        while (!done(last))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Payment {paymentId} did not reach the expected state in {Patience}; last: {last}");
            }

            await Task.Delay(100, _stop.Token);
            last = await ViewAsync(paymentId);
        }

        return last;
    }

    public async Task<OrchestrationMetadata> WaitForOrchestrationAsync(string paymentId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Patience);
        await WaitForInstanceAsync(paymentId, timeout.Token);
        return await Durable.WaitForInstanceCompletionAsync(paymentId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Until the payment's orchestration exists: the wakeup that starts it may still be in the queue.</summary>
    public async Task WaitForInstanceAsync(string paymentId, CancellationToken ct)
    {
        while (await Durable.GetInstanceAsync(paymentId, ct) is null)
        {
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Until no wakeup message is left, visible or not: every wakeup sent so far was handled.</summary>
    public async Task WaitForNoWakeupsAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Patience);
        var wakeups = _services.GetRequiredService<PaymentWakeups>().Queue;
        while ((await wakeups.GetPropertiesAsync(timeout.Token)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Create, then a serial no terminal is registered under: the payment is denied at once.</summary>
    public async Task<(string PaymentId, FunctionReply Submitted)> DeniedBySerialAsync(decimal value)
    {
        var paymentId = Payments.NewId();
        var first = await CreateAsync(Payments.Create(paymentId, value, Callbacks.CallbackUrlFor("TX1", paymentId)));
        var submitUrl = new Uri((string)JObject.Parse((string)first.Json["paymentAppData"]!["payload"]!)["submitUrl"]!);
        var submitted = FunctionReply.From(await Pos.SubmitSerial(
            HttpRequests.Post(submitUrl.PathAndQuery, new JObject { ["serialNumber"] = "NOT-REGISTERED" }), paymentId, _stop.Token));
        return (paymentId, submitted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var pump in _pumps)
        {
            try
            {
                await pump;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _durable.DisposeAsync();
        await Callbacks.DisposeAsync();
        await _services.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>The Functions runtime's queue trigger, reduced: a message is deleted once its function returned.</summary>
    private async Task PumpAsync(QueueClient queue, Func<string, Task> handle)
    {
        while (!_stop.IsCancellationRequested)
        {
            var messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(5), _stop.Token)).Value;
            foreach (var message in messages)
            {
                try
                {
                    await handle(message.MessageText);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Left in the queue, as the runtime does; it comes back after the visibility timeout.
                }
            }

            if (messages.Length == 0)
            {
                await Task.Delay(100, _stop.Token);
            }
        }
    }
}

/// <summary>One NotifyVtex activity run: its attempt number, the connector's clock when it started, and the outcome.</summary>
public sealed record NotifyCall(string PaymentId, int Attempt, DateTimeOffset StartedAt, DateTimeOffset GiveUpAt, bool Delivered);
