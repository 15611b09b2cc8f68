using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Json;
using PosConnector.Core.Payments;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// A payment with many operations, through the real host and virtual terminal: its state outgrows one table property
/// (32K characters, where every write used to fail with PropertyValueTooLarge) and it keeps working.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LargePaymentTests(ConnectorWorld world) : IClassFixture<ConnectorWorld>
{
    private const int Settlements = 150;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private PppClient Client => world.Client;

    [Fact]
    public async Task PaymentWithOneHundredFiftyOperations_StillRecordsCallbackRefundResultAndSettlements()
    {
        world.Callbacks.FailNext(int.MaxValue);
        var id = await world.StartChargeAsync(50m);
        await Client.WaitForPaymentAsync(id, v => (string?)v["status"] == "approved", Patience);

        for (var i = 0; i < Settlements; i++)
        {
            var settled = await SettleAsync(id, RequestId("S", i));
            Assert.Equal(HttpStatusCode.OK, settled.Status);
        }

        world.Callbacks.FailNext(0);
        var callback = await world.Callbacks.WaitForAsync(id, Patience);
        var pending = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, RequestId("R", 0), 0.5m), PppClient.Merchant);
        await Client.WaitForPaymentAsync(id, v => ((JArray)v["state"]!["commands"]!).Any(c => (string?)c["type"] == "refund" && c["result"]!.Type != JTokenType.Null), Patience);
        var refunded = await Client.PostAsync($"/api/payments/{id}/refunds", Payments.Operation(id, RequestId("R", 0), 0.5m), PppClient.Merchant);
        var lastSettlement = await SettleAsync(id, RequestId("S", Settlements));
        var view = await Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", Patience);
        var state = (await world.Connector.Services.GetRequiredService<PaymentEngine>().FindAsync(id, TestContext.Current.CancellationToken))!;

        Assert.Equal("approved", (string?)callback.Body["status"]);
        Assert.Equal("refund-pending", (string?)pending.Json["code"]);
        Assert.Equal(HttpStatusCode.OK, refunded.Status);
        Assert.False(string.IsNullOrEmpty((string?)refunded.Json["refundId"]));
        Assert.Equal(HttpStatusCode.OK, lastSettlement.Status);
        Assert.Equal(Settlements + 2, ((JArray)view["state"]!["operations"]!).Count);
        Assert.Equal(0.5m, state.RefundedAmount);
        Assert.Equal((Settlements + 1) * 0.01m, state.SettledAmount);
        Assert.True(PosConnectorJson.Serialize(state).Length > 32 * 1024, "the state should exceed one table property");
    }

    private Task<Reply> SettleAsync(string id, string requestId) =>
        Client.PostAsync($"/api/payments/{id}/settlements", Payments.Operation(id, requestId, 0.01m), PppClient.Merchant);

    /// <summary>As long as a requestId may be (128 characters), so the state grows as fast as it can.</summary>
    private static string RequestId(string kind, int i) => $"{kind}{i:D4}-{new string('q', 122)}";
}
