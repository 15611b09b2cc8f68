using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Core.Terminals;
using PosConnector.Functions.Hosting;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The Functions host's registration picks the terminal command sender from the transport setting.</summary>
public sealed class FunctionsServiceCollectionExtensionsTests
{
    private const string EmulatorConnectionString =
        "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

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
}
