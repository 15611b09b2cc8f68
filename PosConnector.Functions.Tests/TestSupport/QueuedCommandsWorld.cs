using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Storage;
using PosConnector.Domain.Terminals;

namespace PosConnector.Functions.Tests.TestSupport;

/// <summary>
/// The real standalone host (workers included) on real Azurite with one registered terminal that nothing simulates:
/// its commands stay on the queue for the test to read. A long terminal timeout (25 s) keeps the deadline (abort,
/// denial) out of the scenarios.
/// </summary>
public sealed class QueuedCommandsWorld : IAsyncDisposable
{
    public const string Serial = "QUEUED-1";

    private QueuedCommandsWorld(ConnectorApp connector, CallbackReceiver callbacks, PppClient client)
    {
        Connector = connector;
        Callbacks = callbacks;
        Client = client;
    }

    public ConnectorApp Connector { get; }

    public CallbackReceiver Callbacks { get; }

    public PppClient Client { get; }

    public IServiceProvider Services => Connector.Services;

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public static async Task<QueuedCommandsWorld> StartAsync(AzuriteFixture azurite)
    {
        var callbacks = await CallbackReceiver.StartAsync();
        var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(), configure: builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Payments:TerminalTimeoutSeconds"] = "25" }));
        var client = new PppClient(connector.BaseUrl);
        await client.RegisterTerminalAsync(Serial);
        return new QueuedCommandsWorld(connector, callbacks, client);
    }

    /// <summary>Create Payment, then the serial: the terminal is identified, no charge sent yet. The body repeats the Create.</summary>
    public async Task<(string Id, JObject Body)> IdentifiedPaymentAsync()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 12.34m, Callbacks.CallbackUrlFor("TX1", id));
        var first = await Client.CreatePaymentAsync(body);
        await Client.SubmitSerialAsync(first, Serial);
        return (id, body);
    }

    public Task<List<TerminalCommand>> CommandsForAsync(string id, CancellationToken ct) => TerminalCommands.QueuedForAsync(Storage, id, ct);

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        await Callbacks.DisposeAsync();
        Client.Dispose();
    }
}
