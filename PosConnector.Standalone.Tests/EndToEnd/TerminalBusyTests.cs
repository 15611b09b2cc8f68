using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// One live charge per terminal (issue 17): a serial for a terminal that another payment holds is refused 409
/// terminal-busy, whatever the overlap (one host, many racing requests, two hosts on one storage), and only one charge
/// ever reaches the terminal. The virtual terminal runs "manual", so it holds each charge until its page's button.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TerminalBusyTests(AzuriteFixture azurite)
{
    private const string Serial = "BUSY-1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("approve", "approved")]
    [InlineData("decline", "denied")]
    public async Task SecondPaymentOnATerminalWithALiveCharge_IsRefused409_UntilTheFirstEnds(string button, string firstOutcome)
    {
        await using var world = await BusyWorld.StartAsync(azurite, hosts: 1);
        var client = world.Clients[0];
        var first = await world.StartChargeAsync(client, 31.90m);
        var firstCharge = await world.WaitForChargesAsync(1);
        var second = Payments.NewId();
        var secondBody = Payments.Create(second, 45.90m, world.Callbacks.CallbackUrlFor("TX2", second));
        var secondAnswer = await client.CreatePaymentAsync(secondBody);

        var refused = await client.SubmitSerialAsync(secondAnswer, Serial);
        var stillWaiting = await client.CreatePaymentAsync(secondBody);
        var refusedView = (await client.AdminPaymentAsync(second)).Json;

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("error", (string?)refused.Json["status"]);
        Assert.Equal("terminal-busy", (string?)refused.Json["code"]);
        var message = (string)refused.Json["message"]!;
        Assert.StartsWith($"Terminal {Serial} is busy with another payment (started ", message, StringComparison.Ordinal);
        Assert.EndsWith("UTC); finish or cancel it on the terminal, or choose another terminal.", message, StringComparison.Ordinal);
        Assert.DoesNotContain(first, message, StringComparison.Ordinal);
        Assert.Equal("undefined", (string?)stillWaiting.Json["status"]);
        Assert.Equal("vtex.terminal-connector-app", (string?)stillWaiting.Json["paymentAppData"]!["appName"]);
        Assert.Contains(refusedView["history"]!, h => ((string?)h["note"])?.Contains("terminal-busy", StringComparison.Ordinal) == true);

        await world.PressAsync(firstCharge[0], button);
        var doubleClick = await world.Page.PostAsync($"/api/charges/{firstCharge[0]}/approve", "");
        var firstCallback = await world.Callbacks.WaitForAsync(first, Patience);
        var accepted = await client.SubmitSerialAsync(secondAnswer, Serial);
        await client.CreatePaymentAsync(secondBody);
        var charges = await world.WaitForChargesAsync(2);

        Assert.Equal(firstOutcome, (string?)firstCallback.Body["status"]);
        Assert.Equal((HttpStatusCode.Conflict, "already-answered"), (doubleClick.Status, (string?)doubleClick.Json["code"]));
        Assert.Equal($"Charge '{firstCharge[0]}' already has a result: {button}d; this press changed nothing.", (string?)doubleClick.Json["message"]);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal([$"{first}-1", $"{second}-1"], charges);
    }

    [Fact]
    public async Task TerminalRewrittenByAnAdminDuringACharge_StaysBusy()
    {
        await using var world = await BusyWorld.StartAsync(azurite, hosts: 1);
        var client = world.Clients[0];
        await world.StartChargeAsync(client, 31.90m);
        await world.WaitForChargesAsync(1);

        var rewritten = await client.PutAsync($"/api/admin/terminals/{Serial}", new JObject
        {
            ["merchantName"] = TestSettings.MerchantName, ["label"] = "Counter 2", ["secret"] = TestSettings.SecretFor(Serial), ["enabled"] = true,
        }, PppClient.Admin);
        var second = Payments.NewId();
        var refused = await client.SubmitSerialAsync(
            await client.CreatePaymentAsync(Payments.Create(second, 45.90m, world.Callbacks.CallbackUrlFor("TX2", second))), Serial);

        Assert.Equal(HttpStatusCode.OK, rewritten.Status);
        Assert.Equal("Counter 2", (string?)rewritten.Json["label"]);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("terminal-busy", (string?)refused.Json["code"]);
    }

    [Fact]
    public async Task ManyPaymentsRaceForOneTerminal_ExactlyOneIsAccepted_OneChargeReachesIt()
    {
        await using var world = await BusyWorld.StartAsync(azurite, hosts: 1);
        var (accepted, refused) = await world.RaceAsync(payments: 16);

        Assert.Single(accepted);
        Assert.Equal(15, refused.Count);
        Assert.All(refused, r => Assert.Equal("terminal-busy", (string?)r.Json["code"]));
        Assert.Equal([$"{accepted[0]}-1"], await world.WaitForChargesAsync(1));
        await world.AssertNoOtherChargeAsync();
    }

    [Fact]
    public async Task TwoHostsOnOneStorage_RaceForOneTerminal_ExactlyOneIsAccepted_OneChargeReachesIt()
    {
        await using var world = await BusyWorld.StartAsync(azurite, hosts: 2);
        var (accepted, refused) = await world.RaceAsync(payments: 12);

        Assert.Single(accepted);
        Assert.Equal(11, refused.Count);
        Assert.All(refused, r => Assert.Equal("terminal-busy", (string?)r.Json["code"]));
        Assert.Equal([$"{accepted[0]}-1"], await world.WaitForChargesAsync(1));
        await world.AssertNoOtherChargeAsync();
    }

    /// <summary>
    /// Standalone host(s) on one storage prefix with a 60 s terminal timeout (the first charge stays live throughout),
    /// and a virtual terminal simulating <see cref="Serial"/> in manual mode, its page on a loopback port.
    /// </summary>
    private sealed class BusyWorld : IAsyncDisposable
    {
        private readonly List<ConnectorApp> _hosts = [];
        private VirtualTerminalApp? _terminal;

        public List<PppClient> Clients { get; } = [];
        public CallbackReceiver Callbacks { get; private set; } = null!;
        public PppClient Page { get; private set; } = null!;

        public static async Task<BusyWorld> StartAsync(AzuriteFixture azurite, int hosts)
        {
            var world = new BusyWorld { Callbacks = await CallbackReceiver.StartAsync() };
            var prefix = TestEnvironment.UniquePrefix();
            for (var i = 0; i < hosts; i++)
            {
                var host = await ConnectorApp.StartAsync(azurite.ConnectionString, prefix, configure: b => b.Configuration.AddInMemoryCollection(
                    new Dictionary<string, string?> { ["Payments:TerminalTimeoutSeconds"] = "60", ["Payments:SecondsWaiting"] = "90" }));
                world._hosts.Add(host);
                world.Clients.Add(new PppClient(host.BaseUrl));
            }

            await world.Clients[0].RegisterTerminalAsync(Serial);
            var pageUrl = $"http://127.0.0.1:{TestEnvironment.FreeTcpPort()}";
            var settings = TestSettings.VirtualTerminal(azurite.ConnectionString, prefix, world._hosts[0].BaseUrl, Serial);
            settings["VirtualTerminal:Terminals:0:Manual"] = "true";
            settings["VirtualTerminal:PageUrl"] = pageUrl;
            world._terminal = await VirtualTerminalApp.StartAsync(settings);
            world.Page = new PppClient(pageUrl);
            return world;
        }

        public async Task<string> StartChargeAsync(PppClient client, decimal value)
        {
            var id = Payments.NewId();
            var body = Payments.Create(id, value, Callbacks.CallbackUrlFor("TX1", id));
            var submitted = await client.SubmitSerialAsync(await client.CreatePaymentAsync(body), Serial);
            Assert.Equal(HttpStatusCode.OK, submitted.Status);
            await client.CreatePaymentAsync(body);
            return id;
        }

        /// <summary>
        /// Creates <paramref name="payments"/> payments (spread over the hosts), then submits the same serial for all
        /// at once, each to the next host, and sends every payment's next Create Payment: the accepted payment ids and
        /// the refusals.
        /// </summary>
        public async Task<(List<string> Accepted, List<Reply> Refused)> RaceAsync(int payments)
        {
            var created = new List<(string Id, JObject Body, Reply Answer, PppClient Client)>();
            for (var i = 0; i < payments; i++)
            {
                var id = Payments.NewId();
                var body = Payments.Create(id, 20.50m + i, Callbacks.CallbackUrlFor("TX" + i.ToString(CultureInfo.InvariantCulture), id));
                var client = Clients[i % Clients.Count];
                created.Add((id, body, await client.CreatePaymentAsync(body), client));
            }

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var submits = created.Select((p, i) => Task.Run(async () =>
            {
                await start.Task;
                return (p.Id, Reply: await Clients[(i + 1) % Clients.Count].SubmitSerialAsync(p.Answer, Serial));
            })).ToList();
            start.SetResult();
            var replies = await Task.WhenAll(submits);
            await Task.WhenAll(created.Select(p => p.Client.CreatePaymentAsync(p.Body)));
            var refused = replies.Where(r => r.Reply.Status != HttpStatusCode.OK).Select(r => r.Reply).ToList();
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
            return ([.. replies.Where(r => r.Reply.Status == HttpStatusCode.OK).Select(r => r.Id)], refused);
        }

        /// <summary>The commandIds of the charges the terminal received, oldest first, once there are <paramref name="count"/>.</summary>
        public async Task<List<string>> WaitForChargesAsync(int count)
        {
            var until = DateTime.UtcNow + Patience;
            List<string> charges = [];
            while (DateTime.UtcNow < until)
            {
                charges = await ChargesAsync();
                if (charges.Count >= count)
                {
                    return charges;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"The terminal received {charges.Count} charge(s), not {count}.");
        }

        /// <summary>A second charge, if any had been sent, would reach the terminal well within this time.</summary>
        public async Task AssertNoOtherChargeAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Single(await ChargesAsync());
        }

        public async Task PressAsync(string commandId, string button) =>
            Assert.Equal(HttpStatusCode.Accepted, (await Page.PostAsync($"/api/charges/{commandId}/{button}", "")).Status);

        private async Task<List<string>> ChargesAsync()
        {
            var board = (await Page.GetAsync("/api/board")).Json;
            var terminal = board["terminals"]!.Single(t => (string?)t["serialNumber"] == Serial);
            return [.. terminal["charges"]!.Select(c => (string)c["command"]!["commandId"]!).Reverse()];
        }

        public async ValueTask DisposeAsync()
        {
            if (_terminal is not null)
            {
                await _terminal.DisposeAsync();
            }

            foreach (var host in _hosts)
            {
                await host.DisposeAsync();
            }

            foreach (var client in Clients)
            {
                client.Dispose();
            }

            Page?.Dispose();
            await Callbacks.DisposeAsync();
        }
    }
}
