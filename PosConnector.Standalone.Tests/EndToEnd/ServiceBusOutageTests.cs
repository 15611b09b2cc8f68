using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Terminals:Transport=ServiceBus while Service Bus is unreachable (a loopback port that accepts and never answers):
/// the serial submission and Create Payment answer within seconds, the charge waits in the outbox, and it goes out
/// once a transport works again (the host restarted on the same storage with the Storage Queue transport).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ServiceBusOutageTests(AzuriteFixture azurite)
{
    private const string Serial = "SB-1";

    // Generous for a loaded machine; the default client would hold the request for minutes against this broker.
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task SubmitSerial_ServiceBusUnreachable_AnswersFastAndTheOutboxChargesOnceATransportWorks()
    {
        var prefix = TestEnvironment.UniquePrefix();
        var port = TestEnvironment.FreeTcpPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var callbacks = await CallbackReceiver.StartAsync();
        using var client = new PppClient(baseUrl);
        var id = Payments.NewId();
        var body = Payments.Create(id, 42.50m, callbacks.CallbackUrlFor("TXSB", id));

        await using (var broker = new SilentTcpListener())
        await using (var outageHost = await ConnectorApp.StartAsync(azurite.ConnectionString, prefix, port, builder => builder.Configuration.AddInMemoryCollection(
            Timings(new() { ["Terminals:Transport"] = "ServiceBus", ["ServiceBus:ConnectionString"] = broker.ServiceBusConnectionString }))))
        {
            await client.RegisterTerminalAsync(Serial);
            var first = await client.CreatePaymentAsync(body);

            var clock = Stopwatch.StartNew();
            var submitted = await client.SubmitSerialAsync(first, Serial);
            var submitTook = clock.Elapsed;
            clock.Restart();
            var waiting = await client.CreatePaymentAsync(body);
            var createTook = clock.Elapsed;

            Assert.Equal(HttpStatusCode.OK, submitted.Status);
            Assert.True(submitTook < AnswerBound, $"The serial submission took {submitTook.TotalSeconds:F1} s.");
            Assert.Equal("vtex.challenge-wait-for-confirmation", (string?)waiting.Json["paymentAppData"]!["appName"]);
            Assert.True(createTook < AnswerBound, $"Create Payment took {createTook.TotalSeconds:F1} s.");
            Assert.Empty(callbacks.For(id));
        }

        await using var restarted = await ConnectorApp.StartAsync(azurite.ConnectionString, prefix, port,
            builder => builder.Configuration.AddInMemoryCollection(Timings([])));
        await using var terminal = await VirtualTerminalApp.StartAsync(azurite.ConnectionString, prefix, baseUrl, Serial);

        // The outbox reminder comes back (at the latest when the failed attempt's 30 s lease ends) and charges.
        var callback = await callbacks.WaitForAsync(id, TimeSpan.FromSeconds(90));
        var view = await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(30));

        Assert.Equal("approved", (string?)callback.Body["status"]);
        Assert.Single(callbacks.For(id));
        Assert.Single(view["state"]!["commands"]!, c => (string?)c["type"] == "charge");
    }

    /// <summary>A terminal deadline long enough for the charge to go out after the outage.</summary>
    private static Dictionary<string, string?> Timings(Dictionary<string, string?> settings)
    {
        settings["Payments:SecondsWaiting"] = "170";
        settings["Payments:TerminalTimeoutSeconds"] = "150";
        return settings;
    }
}
