using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The terminal command transport: the choice and its validation at start.</summary>
public sealed class TerminalTransportTests
{
    private const string EmulatorConnectionString =
        "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

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
