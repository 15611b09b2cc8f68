using Microsoft.AspNetCore.Builder;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// One end-to-end world per test class: Azurite (shared), the standalone host on loopback, the virtual
/// terminal simulating T-1 and T-2, a disabled terminal T-OFF, and a callback receiver standing in for VTEX.
/// </summary>
public class ConnectorWorld(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string Terminal = "T-1";
    public const string OtherTerminal = "T-2";
    public const string DisabledTerminal = "T-OFF";

    public string Prefix { get; } = TestEnvironment.UniquePrefix();
    public ConnectorApp Connector { get; private set; } = null!;
    public VirtualTerminalApp VirtualTerminal { get; private set; } = null!;
    public CallbackReceiver Callbacks { get; private set; } = null!;
    public PppClient Client { get; private set; } = null!;
    public string StorageConnectionString => azurite.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        Callbacks = await CallbackReceiver.StartAsync();
        Connector = await ConnectorApp.StartAsync(azurite.ConnectionString, Prefix, configure: Configure);
        Client = new PppClient(Connector.BaseUrl);
        await Client.RegisterTerminalAsync(Terminal);
        await Client.RegisterTerminalAsync(OtherTerminal);
        await Client.RegisterTerminalAsync(DisabledTerminal, enabled: false);
        VirtualTerminal = await VirtualTerminalApp.StartAsync(azurite.ConnectionString, Prefix, Connector.BaseUrl, Terminal, OtherTerminal);
    }

    /// <summary>Create → submit serial → create again: returns the payment id once the charge is sent.</summary>
    public async Task<string> StartChargeAsync(decimal value, string serial = Terminal)
    {
        var paymentId = Payments.NewId();
        var body = Payments.Create(paymentId, value, Callbacks.CallbackUrlFor("TX1", paymentId));
        var first = await Client.CreatePaymentAsync(body);
        var submitted = await SubmitSerialAsync(first, serial);
        if (submitted.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Serial refused: {submitted.Body}");
        }

        await Client.CreatePaymentAsync(body);
        return paymentId;
    }

    /// <summary>
    /// Submits the serial as a clerk would whose terminal is still busy with the previous sale: the connector allows
    /// one live charge per terminal (409 terminal-busy), and this class's tests run one after another on the same
    /// terminals, some leaving a charge to time out, which the virtual terminal then aborts within seconds.
    /// </summary>
    public async Task<Reply> SubmitSerialAsync(Reply firstAnswer, string serial)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var reply = await Client.SubmitSerialAsync(firstAnswer, serial);
            if (reply.Status != System.Net.HttpStatusCode.Conflict || (string?)reply.Json["code"] != "terminal-busy" || DateTime.UtcNow > until)
            {
                return reply;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>What a world of its own adds to the connector host before it is built.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await VirtualTerminal.DisposeAsync();
        await Connector.DisposeAsync();
        await Callbacks.DisposeAsync();
        Client.Dispose();
        GC.SuppressFinalize(this);
    }
}
