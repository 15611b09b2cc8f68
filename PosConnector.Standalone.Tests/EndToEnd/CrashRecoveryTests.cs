using System.Globalization;
using System.Net;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using PosConnector.VirtualTerminal;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// The connector process is killed mid-payment and started again: nothing is lost or done twice. The soak test's size
/// comes from POS_CRASH_PAYMENTS / POS_CRASH_CONCURRENCY / POS_CRASH_KILLS (CI: 40 / 8 / 3; scripts/crash-soak.sh: 200 / 20 / 5).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HostKilledAfterTheChargeWasSent_RestartedHostCompletesThePaymentWithOneCallback()
    {
        var prefix = TestEnvironment.UniquePrefix();
        var port = TestEnvironment.FreeTcpPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var settings = TestSettings.Connector(azurite.ConnectionString, prefix, baseUrl);
        settings["Payments:TerminalTimeoutSeconds"] = "25";
        var terminalSettings = TestSettings.VirtualTerminal(azurite.ConnectionString, prefix, baseUrl, "CRASH-1");
        terminalSettings["VirtualTerminal:AnswerDelay"] = "00:00:02";
        await using var callbacks = await CallbackReceiver.StartAsync();
        using var client = new PppClient(baseUrl);
        var id = Payments.NewId();
        var body = Payments.Create(id, 64.50m, callbacks.CallbackUrlFor("TX9", id));

        var first = ConnectorProcess.StartAsync(settings, port);
        using (var connector = await first)
        {
            await client.RegisterTerminalAsync("CRASH-1");
            await using var terminal = await VirtualTerminalApp.StartAsync(terminalSettings);
            var answer = await client.CreatePaymentAsync(body);
            await client.SubmitSerialAsync(answer, "CRASH-1");
            var waiting = await client.CreatePaymentAsync(body);
            Assert.Equal("vtex.challenge-wait-for-confirmation", (string?)waiting.Json["paymentAppData"]!["appName"]);

            connector.Kill();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Empty(callbacks.For(id));

            using var restarted = await ConnectorProcess.StartAsync(settings, port);
            var callback = await callbacks.WaitForAsync(id, TimeSpan.FromSeconds(30));
            var view = await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

            Assert.Equal("approved", (string?)callback.Body["status"]);
            Assert.Single(callbacks.For(id));
            Assert.Equal("approved", (string?)view["status"]);
            Assert.Single(view["state"]!["commands"]!, c => (string?)c["type"] == "charge");
            Assert.Equal("approved", (string?)(await client.CreatePaymentAsync(body)).Json["status"]);
        }
    }

    [Fact]
    public async Task HostKilledRepeatedlyDuringConcurrentPayments_EachPaymentOneCallback_NoChargeResentAfterItsResult()
    {
        var (payments, concurrency, kills) = (Setting("POS_CRASH_PAYMENTS", 40), Setting("POS_CRASH_CONCURRENCY", 8), Setting("POS_CRASH_KILLS", 3));
        var ct = TestContext.Current.CancellationToken;
        var world = ProcessSettings.Create(azurite.ConnectionString, SoakSerial, TimeSpan.FromMilliseconds(300));
        var (prefix, port, baseUrl, settings, terminalSettings) = (world.Prefix, world.Port, world.BaseUrl, world.Connector, world.Terminal);
        terminalSettings["Logging:LogLevel:Default"] = "Debug";
        await using var callbacks = await CallbackReceiver.StartAsync();
        using var client = new PppClient(baseUrl);
        var connector = await ConnectorProcess.StartAsync(settings, port);
        var terminalLog = new LogRecorder();
        using var terminal = VirtualTerminalHost.Build([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(terminalSettings);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(terminalLog);
        });
        try
        {
            await UntilAsync(() => client.RegisterTerminalAsync(SoakSerial), r => r.Status is HttpStatusCode.OK or HttpStatusCode.Created);
            await terminal.StartAsync(ct);
            var ids = Enumerable.Range(0, payments).Select(_ => Payments.NewId()).ToList();
            var driving = Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (id, _) => await DriveAsync(client, callbacks, id));
            var killedAt = new List<DateTimeOffset>();
            for (var k = 0; k < kills; k++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2000 + Random.Shared.Next(1500)), ct);
                killedAt.Add(DateTimeOffset.UtcNow);
                connector.Kill();
                connector.Dispose();
                connector = await ConnectorProcess.StartAsync(settings, port);
            }

            await driving;
            foreach (var id in ids)
            {
                await callbacks.WaitForAsync(id, TimeSpan.FromSeconds(180));
                await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(60));
            }

            await WaitForEmptyAsync(new QueueClient(azurite.ConnectionString, $"{prefix}-callbacks"), new QueueClient(azurite.ConnectionString, $"{prefix}-outbox"));
            var resultsAt = new Dictionary<string, DateTimeOffset>();
            foreach (var id in ids)
            {
                var history = (await client.AdminPaymentAsync(id)).Json["history"]!;
                resultsAt[$"{id}-1"] = history.Where(h => (string?)h["event"] == "TerminalResultReceived").Min(h => (DateTimeOffset)h["at"]!);
            }

            var charges = terminalLog.Events.Where(e => e.EventId == 907 && resultsAt.ContainsKey(e.Fields["CommandId"]!))
                .Select(e => (CommandId: e.Fields["CommandId"]!, QueuedAt: DateTimeOffset.Parse(e.Fields["InsertedOn"]!, CultureInfo.InvariantCulture)))
                .ToList();
            // A send decided just before the result (the state said "no result yet") may still be in flight until its
            // outbox claim lapses (OutboxReminderDelay, 2 s here; the dispatch is cancelled then), and the queue reports
            // whole seconds: a message queued later than that was decided after the result, which must never happen.
            var inFlight = TimeSpan.Parse(settings["Storage:OutboxReminderDelay"]!, CultureInfo.InvariantCulture) + TimeSpan.FromSeconds(1);
            var sentAfterResult = charges.Where(c => c.QueuedAt > resultsAt[c.CommandId] + inFlight).ToList();
            var queuedAfterResult = charges.Count(c => c.QueuedAt > resultsAt[c.CommandId]);
            var duplicates = ids.Where(id => callbacks.For(id).Count != 1).ToList();
            // The one duplicate no design can rule out: VTEX answered 2xx and the host died before recording it, so the
            // next host finds the callback still owed. Such a payment's first copy arrived just before a kill; any
            // other duplicate (two live deliveries, a re-post after it was recorded) is a defect.
            var unexplained = duplicates.Where(id => !DeliveredJustBeforeAKill(callbacks.For(id), killedAt)).ToList();
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{payments} payments, concurrency {concurrency}, {kills} kills: {callbacks.Received.Count} callbacks, {duplicates.Count} payments without exactly one " +
                $"({unexplained.Count} not explained by a kill between VTEX's 2xx and its record), " +
                $"{charges.Count} charge deliveries to the terminal ({charges.Count - charges.Select(c => c.CommandId).Distinct().Count()} repeats, " +
                $"{queuedAfterResult} queued after the result was recorded, {sentAfterResult.Count} decided after it)");
            TestContext.Current.TestOutputHelper?.WriteLine(summary);
            if (Environment.GetEnvironmentVariable("POS_CRASH_SUMMARY") is { Length: > 0 } summaryFile)
            {
                await File.AppendAllTextAsync(summaryFile, summary + Environment.NewLine, ct);
            }

            Assert.Empty(unexplained);
            Assert.All(ids, id => Assert.All(callbacks.For(id), c => Assert.Equal("approved", (string?)c.Body["status"])));
            Assert.All(duplicates, id => Assert.Single(callbacks.For(id).Select(c => c.Body.ToString()).Distinct()));
            Assert.Equal(ids.Count, charges.Select(c => c.CommandId).Distinct().Count());
            Assert.Empty(sentAfterResult);
        }
        finally
        {
            await terminal.StopAsync(CancellationToken.None);
            connector.Dispose();
        }
    }

    private const string SoakSerial = "SOAK-1";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>One POS payment as the Gateway and Sales App drive it, each call repeated while the host is down.</summary>
    private static async Task DriveAsync(PppClient client, CallbackReceiver callbacks, string id)
    {
        var body = Payments.Create(id, 12.00m, callbacks.CallbackUrlFor("TXK", id));
        var first = await UntilAsync(() => client.CreatePaymentAsync(body), r => r.Status == HttpStatusCode.OK);
        await UntilAsync(() => client.SubmitSerialAsync(first, SoakSerial), r => r.Status == HttpStatusCode.OK);
        await UntilAsync(() => client.CreatePaymentAsync(body), r => r.Status == HttpStatusCode.OK);
    }

    private static async Task<Reply> UntilAsync(Func<Task<Reply>> call, Func<Reply, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            try
            {
                var reply = await call();
                if (done(reply) || DateTime.UtcNow > until)
                {
                    return reply;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                // The host is down (killed): the Gateway retries too.
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitForEmptyAsync(params QueueClient[] queues)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var left = 0;
            foreach (var queue in queues)
            {
                left += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }

            if (left == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"{left} callback or reminder messages still pending after 60 s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Crash window: the callback's 2xx came back at most this long before the host was killed.</summary>
    private static readonly TimeSpan RecordWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A payment called back twice only because its host died between VTEX's 2xx and recording it: two copies, the first
    /// received shortly before a kill, the second after it.
    /// </summary>
    private static bool DeliveredJustBeforeAKill(IReadOnlyList<ReceivedCallback> copies, List<DateTimeOffset> killedAt) =>
        copies.Count <= 1 + killedAt.Count &&
        copies.Zip(copies.Skip(1)).All(pair => killedAt.Any(kill =>
            pair.First.ReceivedAt <= kill && kill - pair.First.ReceivedAt <= RecordWindow && pair.Second.ReceivedAt > kill));
}
