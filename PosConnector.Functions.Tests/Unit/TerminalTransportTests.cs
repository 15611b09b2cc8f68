using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosConnector.Core.Json;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Terminals;
using PosConnector.Functions.Hosting;
using PosConnector.Functions.Tests.TestSupport;
using PosConnector.VirtualTerminal;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>
/// Terminal command transport: the choice and its validation at start, the Service Bus message both ways, and the
/// reference bridge's rules (its receive loop needs a broker, which this machine does not have).
/// </summary>
public sealed class TerminalTransportTests
{
    private const string EmulatorConnectionString =
        "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

    // ---- Choice and validation ----

    [Fact]
    public void AddTerminalCommandSender_NoSetting_UsesTheStorageQueue()
    {
        using var services = Build([]);

        Assert.IsType<StorageQueueTerminalCommandSender>(services.GetRequiredService<ITerminalCommandSender>());
    }

    [Fact]
    public async Task AddTerminalCommandSender_ServiceBusWithConnectionString_UsesServiceBus()
    {
        await using var services = Build(new() { ["Terminals:Transport"] = "ServiceBus", ["ServiceBus:ConnectionString"] = EmulatorConnectionString });

        Assert.IsType<ServiceBusTerminalCommandSender>(services.GetRequiredService<ITerminalCommandSender>());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("sb-x.servicebus.windows.net", EmulatorConnectionString)]
    public void AddTerminalCommandSender_ServiceBusWithoutExactlyOneEndpoint_FailsNamingTheSettings(string? fullyQualifiedNamespace, string? connectionString)
    {
        using var services = Build(new()
        {
            ["Terminals:Transport"] = "ServiceBus",
            ["ServiceBus:FullyQualifiedNamespace"] = fullyQualifiedNamespace,
            ["ServiceBus:ConnectionString"] = connectionString,
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ServiceBusOptions>>().Value);
        Assert.Contains("ServiceBus:FullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTerminalCommandSender_StorageQueue_IgnoresAnEmptyServiceBusSection()
    {
        using var services = Build(new() { ["Terminals:Transport"] = "StorageQueue" });

        Assert.Equal("terminal-commands", services.GetRequiredService<IOptions<ServiceBusOptions>>().Value.TerminalCommandsQueue);
    }

    [Theory]
    [InlineData("Terminals:Transport", "Kafka")]
    [InlineData("Terminals:Transport", "7")]
    [InlineData("ServiceBus:TryTimeout", "00:05:00")]
    [InlineData("ServiceBus:SendTimeout", "00:00:00.100")]
    [InlineData("ServiceBus:MaxRetries", "9")]
    public void AddTerminalCommandSender_InvalidValue_FailsAtStart(string setting, string value)
    {
        using var services = Build(new() { ["Terminals:Transport"] = "ServiceBus", ["ServiceBus:ConnectionString"] = EmulatorConnectionString, [setting] = value });

        var error = Record.Exception(() =>
        {
            _ = services.GetRequiredService<IOptions<TerminalTransportOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
        });

        Assert.NotNull(error);
        Assert.Contains(setting.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, typeof(StorageQueueTerminalCommandSender))]
    [InlineData("StorageQueue", typeof(StorageQueueTerminalCommandSender))]
    [InlineData("ServiceBus", typeof(ServiceBusTerminalCommandSender))]
    public async Task AddPosConnectorFunctions_TransportSetting_PicksTheSender(string? transport, Type expected)
    {
        var settings = TestSettings.Connector("UseDevelopmentStorage=true", "pos", "http://127.0.0.1:7071");
        settings["Terminals:Transport"] = transport;
        settings["ServiceBus:ConnectionString"] = EmulatorConnectionString;
        var services = new ServiceCollection().AddLogging()
            .AddPosConnectorFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();

        Assert.IsType(expected, provider.GetRequiredService<ITerminalCommandSender>());
    }

    // ---- The message, both ways ----

    [Fact]
    public void ToMessage_Command_CarriesSessionMessageIdSubjectAndTheJsonBody()
    {
        var command = TerminalCommands.Of(TerminalCommandType.Abort, "P-1", "VT-0001", number: 2);

        var message = TerminalCommandMessages.ToMessage(command);

        Assert.Equal("VT-0001", message.SessionId);
        Assert.Equal("P-1-2", message.MessageId);
        Assert.Equal("abort", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(command, PosConnectorJson.Deserialize<TerminalCommand>(message.Body.ToString()));
    }

    [Fact]
    public void TryRead_MessageAsSent_ReturnsTheSameCommand()
    {
        var command = TerminalCommands.Charge("P-2", "VT-0002");

        var read = TerminalCommandMessages.TryRead(Received(TerminalCommandMessages.ToMessage(command)), out var problem);

        Assert.Null(problem);
        Assert.Equal(command, read);
    }

    [Theory]
    [InlineData("not json", "VT-0001", "P-3-1", "not a terminal command")]
    [InlineData("{}", "VT-0001", "P-3-1", "not a terminal command")]
    [InlineData(null, "VT-0009", "P-3-1", "arrived in session 'VT-0009'")]
    [InlineData(null, "VT-0001", "P-3-7", "differs from the message id 'P-3-7'")]
    public void TryRead_BodyDisagreesOrIsNoCommand_ReturnsNullWithTheReason(string? body, string sessionId, string messageId, string reason)
    {
        var json = body ?? PosConnectorJson.Serialize(TerminalCommands.Charge("P-3", "VT-0001"));
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(json), messageId: messageId, sessionId: sessionId);

        var read = TerminalCommandMessages.TryRead(message, out var problem);

        Assert.Null(read);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    // ---- The reference bridge's rules ----

    [Fact]
    public void ProcessorOptions_Serials_AcceptsOnlyThoseSessionsAndSettlesByHand()
    {
        var options = ServiceBusCommandSource.ProcessorOptions(["VT-0001", "VT-0002"]);

        Assert.Equal(["VT-0001", "VT-0002"], options.SessionIds);
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(ServiceBusReceiveMode.PeekLock, options.ReceiveMode);
        Assert.Equal(2, options.MaxConcurrentSessions);
        Assert.True(options.MaxConcurrentCallsPerSession > 1, "An abort must reach a terminal whose charge is still pending.");
        Assert.True(options.MaxAutoLockRenewalDuration >= TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData(TerminalCommandType.Charge, 149, false)]
    [InlineData(TerminalCommandType.Charge, 150, true)]
    [InlineData(TerminalCommandType.Abort, 400, false)]
    [InlineData(TerminalCommandType.Void, 400, false)]
    [InlineData(TerminalCommandType.Refund, 400, false)]
    public void IsStaleCharge_AfterSeconds_SkipsOnlyChargesPastTheirDeadline(TerminalCommandType type, int seconds, bool stale)
    {
        var command = TerminalCommands.Of(type, "P-4", "VT-0001");

        Assert.Equal(stale, ServiceBusCommandSource.IsStaleCharge(command, TerminalCommands.IssuedAt.AddSeconds(seconds)));
    }

    private static ServiceBusReceivedMessage Received(ServiceBusMessage sent) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body, messageId: sent.MessageId, sessionId: sent.SessionId, subject: sent.Subject, contentType: sent.ContentType);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<StorageOptions>();
        services.AddSingleton<StorageClients>();
        services.AddTerminalCommandSender(configuration);
        return services.BuildServiceProvider();
    }
}
