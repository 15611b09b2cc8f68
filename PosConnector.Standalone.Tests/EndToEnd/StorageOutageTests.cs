using System.Globalization;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Storage goes away for longer than the SDK's own retries (~30 s), with payments in flight, and comes back on the same
/// ports with the same data: the host process stays up, its workers and the virtual terminal recover by themselves,
/// and every payment completes with one callback. POS_OUTAGE_SECONDS sets the outage (default 36; e.g. 60).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageOutageTests
{
    /// <summary>One terminal per payment in flight (and one for the payment after the outage): one live charge per terminal.</summary>
    private static readonly string[] Serials = [.. Enumerable.Range(1, PaymentsInFlight + 1).Select(i => $"OUT-{i}")];
    private const int PaymentsInFlight = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static TimeSpan Outage => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("POS_OUTAGE_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 36);

    [Fact]
    public async Task StorageDownLongerThanTheSdkRetries_HostStaysUpAndEveryPaymentCompletesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var location = Directory.CreateTempSubdirectory("azurite-outage-").FullName;
        var ports = AzuriteProcess.FreePorts();
        var azurite = await AzuriteProcess.StartAsync(ports, location);
        try
        {
            var world = ProcessSettings.Create(azurite.ConnectionString, Serials, TimeSpan.FromSeconds(2));
            var (port, baseUrl, settings, terminalSettings) = (world.Port, world.BaseUrl, world.Connector, world.Terminal);
            await using var callbacks = await CallbackReceiver.StartAsync();
            using var client = new PppClient(baseUrl);
            using var connector = await ConnectorProcess.StartAsync(settings, port);
            foreach (var serial in Serials)
            {
                await client.RegisterTerminalAsync(serial);
            }
            await using var terminal = await VirtualTerminalApp.StartAsync(terminalSettings);

            var before = new List<string>();
            for (var i = 0; i < PaymentsInFlight; i++)
            {
                before.Add(await StartChargeAsync(client, callbacks, Serials[i]));
            }

            // The terminal answers while storage is down: its results are refused (5xx) and re-posted until it is back.
            await azurite.StopAsync();
            await Task.Delay(Outage, ct);
            Assert.False(connector.HasExited, "the connector process exited during the storage outage");
            azurite.Dispose();
            azurite = await AzuriteProcess.StartAsync(ports, location);

            var after = await RetryAsync(() => StartChargeAsync(client, callbacks, Serials[^1]));
            foreach (var id in before.Append(after))
            {
                var callback = await callbacks.WaitForAsync(id, Patience);
                Assert.Equal("approved", (string?)callback.Body["status"]);
                await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", Patience);
            }

            Assert.False(connector.HasExited);
            Assert.All(before.Append(after), id => Assert.Single(callbacks.For(id)));
        }
        finally
        {
            azurite.Dispose();
            Directory.Delete(location, recursive: true);
        }
    }

    private static async Task<string> StartChargeAsync(PppClient client, CallbackReceiver callbacks, string serial)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 21.50m, callbacks.CallbackUrlFor("TXO", id));
        var first = await client.CreatePaymentAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SubmitSerialAsync(first, serial)).Status);
        Assert.Equal("vtex.challenge-wait-for-confirmation", (string?)(await client.CreatePaymentAsync(body)).Json["paymentAppData"]?["appName"]);
        return id;
    }

    /// <summary>Right after storage returns, the first calls may still meet the SDK's back-off: try again for a while.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (DateTime.UtcNow < until)
            {
                await Task.Delay(500);
            }
        }
    }
}
