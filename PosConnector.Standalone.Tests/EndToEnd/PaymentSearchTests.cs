using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// GET /api/admin/payments over real HTTP and Azurite: the search index the write path keeps, by each filter, by date
/// range and in pages; repaired by the sweep after a lost write; behind the admin key. And the console page it serves.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PaymentSearchTests(AzuriteFixture azurite)
{
    private const string Terminal = "T-SEARCH";
    private const string ApprovedCard = "4444333322221111";
    private const string DeniedCard = "4444333322221112";
    private const string AsyncApprovedCard = "4222222222222224";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SearchPayments_ByEachFilterAndDateRange_FindsTheIndexedPayments()
    {
        var clock = new ShiftedTimeProvider();
        await using var callbacks = await CallbackReceiver.StartAsync();
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        using var client = new PppClient(connector.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await client.RegisterTerminalAsync(Terminal)).Status);
        var (onTerminal, _) = await OperatorPayments.ApprovedOnTerminalAsync(client, callbacks, Terminal, 20.5m, "ORD-TERMINAL");
        var approved = await OperatorPayments.TestSuiteAsync(client, callbacks, ApprovedCard, "ORD-APPROVED");
        var denied = await OperatorPayments.TestSuiteAsync(client, callbacks, DeniedCard, "ORD-DENIED");
        var firstDay = Day(clock);
        clock.Advance(TimeSpan.FromDays(2));
        var later = await OperatorPayments.TestSuiteAsync(client, callbacks, ApprovedCard, "ORD-LATER");
        var laterDay = Day(clock);
        await WaitForIndexAsync(client, "ORD-TERMINAL", firstDay, "approved");
        await WaitForIndexAsync(client, "ORD-LATER", laterDay, "approved");

        var byOrder = await SearchAsync(client, $"orderId=ORD-DENIED&from={firstDay}&to={laterDay}");
        var bySerial = await SearchAsync(client, $"serialNumber={Terminal}&from={firstDay}&to={laterDay}");
        var byStatus = await SearchAsync(client, $"status=approved&from={firstDay}&to={firstDay}");
        var byFirstDay = await SearchAsync(client, $"from={firstDay}&to={firstDay}");
        var byLaterDay = await SearchAsync(client, $"from={laterDay}&to={laterDay}");
        var byRange = await SearchAsync(client, $"from={firstDay}&to={laterDay}");
        var byId = await SearchAsync(client, $"paymentId={approved}");

        Assert.Equal([denied], Ids(byOrder));
        Assert.Equal("denied", (string?)byOrder["payments"]![0]!["status"]);
        Assert.Equal([onTerminal], Ids(bySerial));
        Assert.Equal(Terminal, (string?)bySerial["payments"]![0]!["serialNumber"]);
        Assert.Equal(20.5m, (decimal)bySerial["payments"]![0]!["amount"]!);
        Assert.Equal(new[] { approved, onTerminal }.Order(StringComparer.Ordinal), Ids(byStatus).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { onTerminal, approved, denied }.Order(StringComparer.Ordinal), Ids(byFirstDay).Order(StringComparer.Ordinal));
        Assert.Equal([later], Ids(byLaterDay));
        Assert.Equal(later, Ids(byRange)[0]);
        Assert.Equal(4, Ids(byRange).Count);
        Assert.Equal([approved], Ids(byId));
        Assert.All([byOrder, bySerial, byStatus, byFirstDay, byLaterDay, byRange, byId], page => Assert.Equal(JTokenType.Null, page["next"]!.Type));
    }

    [Fact]
    public async Task SearchPayments_InPages_ListsEachPaymentOnceNewestFirst()
    {
        await using var callbacks = await CallbackReceiver.StartAsync();
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());
        using var client = new PppClient(connector.BaseUrl);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await OperatorPayments.TestSuiteAsync(client, callbacks, ApprovedCard, $"ORD-PAGE-{i}"));
        }

        await WaitForIndexAsync(client, "ORD-PAGE-4", Today(), "approved");

        var pages = new List<JObject>();
        var next = "";
        do
        {
            pages.Add(await SearchAsync(client, $"limit=2{next}"));
            next = pages[^1]["next"]!.Type == JTokenType.Null ? null : "&next=" + Uri.EscapeDataString((string)pages[^1]["next"]!);
        }
        while (next is not null && pages.Count < 10);

        var listed = pages.SelectMany(Ids).ToList();
        Assert.Equal([2, 2, 1], pages.Select(p => p["payments"]!.Count()));
        Assert.Equal(Enumerable.Reverse(created), listed);
    }

    [Fact]
    public async Task SearchPayments_AfterALostIndexWrite_IsRepairedByTheSweep()
    {
        await using var callbacks = await CallbackReceiver.StartAsync();
        callbacks.FailNext(int.MaxValue);
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());
        using var client = new PppClient(connector.BaseUrl);
        // Approved, and its callback refused: still owed, so the sweep reads it as an open payment.
        var id = await OperatorPayments.TestSuiteAsync(client, callbacks, AsyncApprovedCard, "ORD-LOST");
        var state = await client.WaitForPaymentAsync(id, v => (string?)v["phase"] == "approved" && callbacks.RefusedFor(id) >= 1, Patience);
        await WaitForIndexAsync(client, "ORD-LOST", Today(), "approved");
        var createdAt = (DateTimeOffset)state["state"]!["createdAt"]!;
        var index = connector.Services.GetRequiredService<StorageClients>().PaymentIndex;
        await index.DeleteEntityAsync(PaymentIndex.Day(createdAt), PaymentIndex.RowKey(id, createdAt), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(Ids(await SearchAsync(client, "orderId=ORD-LOST")));

        await connector.Services.GetRequiredService<PaymentSweep>().SweepAsync((_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);

        var repaired = await SearchAsync(client, "orderId=ORD-LOST");
        Assert.Equal([id], Ids(repaired));
        Assert.Equal("approved", (string?)repaired["payments"]![0]!["status"]);
    }

    [Fact]
    public async Task SearchPayments_WithoutAdminKeyOrWithBadQueries_IsRefused()
    {
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());
        using var client = new PppClient(connector.BaseUrl);

        var anonymous = await client.GetAsync("/api/admin/payments?orderId=X");
        var wrongKey = await client.GetAsync("/api/admin/payments?orderId=X", ("X-Admin-Key", "not-the-key"));
        var refused = new List<Reply>();
        foreach (var query in new[] { "status=paid", "from=2026-13-01", "from=2026-01-01&to=2026-12-31", "to=2026-01-01&from=2026-01-02", "limit=0", "limit=500", "next=garbage", "serialNumber=a%20b" })
        {
            refused.Add(await client.GetAsync("/api/admin/payments?" + query, PppClient.Admin));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("unauthorized", (string?)anonymous.Json["code"]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);
        Assert.All(refused, r => Assert.Equal((HttpStatusCode.BadRequest, "invalid-request"), (r.Status, (string?)r.Json["code"])));
    }

    [Fact]
    public async Task OperatorConsole_WithoutKey_IsThePageAndNoData()
    {
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());
        using var http = new HttpClient();

        using var page = await http.GetAsync($"{connector.BaseUrl}/api/admin/console", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("X-Admin-Key", html, StringComparison.Ordinal);
        Assert.Contains("sessionStorage", html, StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", html, StringComparison.Ordinal);
    }

    /// <summary>Index rows are written off the request's path: wait until the row shows <paramref name="status"/>.</summary>
    private static async Task WaitForIndexAsync(PppClient client, string orderId, string day, string status)
    {
        var giveUpAt = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < giveUpAt)
        {
            var page = await SearchAsync(client, $"orderId={orderId}&from={day}&to={day}");
            if (page["payments"]!.Any(p => (string?)p["status"] == status))
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The index never showed {orderId} as {status}.");
    }

    private static async Task<JObject> SearchAsync(PppClient client, string query)
    {
        var reply = await client.GetAsync("/api/admin/payments?" + query, PppClient.Admin);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{query}: HTTP {(int)reply.Status} {reply.Body}");
        return reply.Json;
    }

    private static List<string> Ids(JObject page) => [.. page["payments"]!.Select(p => (string)p["paymentId"]!)];

    private static string Day(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Today() => Day(TimeProvider.System);
}
