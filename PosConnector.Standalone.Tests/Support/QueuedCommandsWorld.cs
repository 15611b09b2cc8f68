using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Storage;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// The real standalone host (workers included) on real Azurite with one registered terminal that nothing simulates:
/// its commands stay on the queue for the test to read. A long terminal timeout (25 s) keeps the deadline (abort,
/// denial) out of the scenarios.
/// </summary>
public sealed class QueuedCommandsWorld : IAsyncDisposable
{
    private const string SerialPrefix = "QUEUED";

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
        return new QueuedCommandsWorld(connector, callbacks, client);
    }

    /// <summary>
    /// Create Payment, then the serial of a terminal of its own (nothing here answers charges, and a terminal with a live
    /// charge refuses other payments): the terminal is identified, no charge sent yet. The body repeats the Create.
    /// </summary>
    public async Task<(string Id, JObject Body)> IdentifiedPaymentAsync(JObject? create = null)
    {
        var id = (string?)create?["paymentId"] ?? Payments.NewId();
        var body = create ?? Payments.Create(id, 12.34m, Callbacks.CallbackUrlFor("TX1", id));
        var serial = $"{SerialPrefix}-{id}";
        await Client.RegisterTerminalAsync(serial);
        var first = await Client.CreatePaymentAsync(body);
        var submitted = await Client.SubmitSerialAsync(first, serial);
        if (submitted.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Serial refused: {submitted.Body}");
        }

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
