using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// GET /api/admin/attention over real HTTP and Azurite: a refused callback, a payment stuck before its charge, and a
/// refund no terminal answers are listed once they have lasted the threshold; a settled-and-done payment never is.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AttentionTests(AzuriteFixture azurite)
{
    private const string Terminal = "T-ATT";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Attention_StuckPayments_AreListedWithWhyAndSince()
    {
        var clock = new ShiftedTimeProvider();
        await using var callbacks = await CallbackReceiver.StartAsync();
        callbacks.FailNext(int.MaxValue);
        // No virtual terminal: the test answers the charge itself and leaves the refund unanswered.
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(), configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Payments:TerminalTimeoutSeconds"] = "25" });
        });
        using var client = new PppClient(connector.BaseUrl);
        await client.RegisterTerminalAsync(Terminal);

        var lateCallback = await OperatorPayments.TestSuiteAsync(client, callbacks, "4222222222222224");
        var done = await OperatorPayments.TestSuiteAsync(client, callbacks, "4444333322221111");
        var neverCharged = Payments.NewId();
        await client.CreatePaymentAsync(Payments.Create(neverCharged, 5m, callbacks.CallbackUrlFor("TX", neverCharged)));
        var refunded = await ApprovedSettledAndRefundedAsync(client, callbacks);
        // Approved, and its own callback refused (the refunded payment's callback is refused too, sooner or later).
        await client.WaitForPaymentAsync(lateCallback, v => (string?)v["phase"] == "approved" && callbacks.RefusedFor(lateCallback) >= 1, Patience);

        var fresh = await AttentionAsync(client, "?olderThanSeconds=0");
        Assert.Contains(fresh, i => i.Id == lateCallback && i.Why == "callbackPending");
        Assert.Contains(fresh, i => i.Id == refunded && i.Why == "refundPending");
        Assert.DoesNotContain(fresh, i => i.Id == neverCharged || i.Id == done);
        Assert.Empty(await AttentionAsync(client, ""));

        clock.Advance(TimeSpan.FromSeconds(1000));
        await client.WaitForPaymentAsync(lateCallback, v => (string?)v["callback"] == "abandoned", Patience);
        var stuck = await AttentionAsync(client, "");

        var abandoned = Assert.Single(stuck, i => i.Id == lateCallback);
        Assert.Equal(("callbackAbandoned", "approved"), (abandoned.Why, abandoned.Phase));
        var overdue = Assert.Single(stuck, i => i.Id == neverCharged);
        Assert.Equal(("pastDeadline", "identifyingTerminal"), (overdue.Why, overdue.Phase));
        Assert.Equal(overdue.Created.AddSeconds(600), overdue.Since);
        Assert.Contains(stuck, i => i.Id == refunded && i.Why == "refundPending" && i.Detail.Contains(Terminal, StringComparison.Ordinal));
        Assert.DoesNotContain(stuck, i => i.Id == done);
        Assert.Equal(stuck.OrderBy(i => i.Since).Select(i => i.Since), stuck.Select(i => i.Since));
    }

    [Fact]
    public async Task Attention_WithoutAdminKeyOrWithABadThreshold_IsRefused()
    {
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());
        using var client = new PppClient(connector.BaseUrl);

        var anonymous = await client.GetAsync("/api/admin/attention");
        var badThreshold = await client.GetAsync("/api/admin/attention?olderThanSeconds=-5", PppClient.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal("error", (string?)anonymous.Json["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, badThreshold.Status);
        Assert.Equal("invalid-request", (string?)badThreshold.Json["code"]);
    }

    /// <summary>Charged on <see cref="Terminal"/> (the test signs the approval), settled, then a refund nobody answers.</summary>
    private static async Task<string> ApprovedSettledAndRefundedAsync(PppClient client, CallbackReceiver callbacks)
    {
        var (id, _) = await OperatorPayments.ApprovedOnTerminalAsync(client, callbacks, Terminal, 20m);
        var settled = await client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, "S1", 20m), PppClient.Merchant);
        var refund = await client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, "R1", 5m), PppClient.Merchant);
        Assert.Equal(HttpStatusCode.OK, settled.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, refund.Status);
        return id;
    }

    private static async Task<List<Item>> AttentionAsync(PppClient client, string query)
    {
        var reply = await client.GetAsync("/api/admin/attention" + query, PppClient.Admin);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var items = new List<Item>();
        foreach (var i in reply.Json["items"]!)
        {
            var id = (string)i["paymentId"]!;
            var created = (DateTimeOffset)(await client.AdminPaymentAsync(id)).Json["state"]!["createdAt"]!;
            items.Add(new Item(id, (string)i["phase"]!, (string)i["why"]!, (DateTimeOffset)i["since"]!, (string)i["detail"]!, created));
        }

        return items;
    }

    private sealed record Item(string Id, string Phase, string Why, DateTimeOffset Since, string Detail, DateTimeOffset Created);
}
