using System.Net;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Storage fails right after VTEX answered a callback with 200, so recording the delivery fails: the process that knows
/// it delivered never posts that callback again, and records the delivery once storage is back.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CallbackRecordOutageTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Callback_StorageFailsAfterVtexAccepted_IsPostedOnceAndRecordedLater()
    {
        await using var callbacks = await CallbackReceiver.StartAsync();
        var outageStarted = DateTimeOffset.MaxValue;
        // The outage starts the moment VTEX (the receiver) has the callback, before the connector records it.
        var faults = new StorageFaults(() =>
        {
            if (outageStarted == DateTimeOffset.MaxValue && callbacks.Received.Count > 0)
            {
                outageStarted = DateTimeOffset.UtcNow;
            }

            return DateTimeOffset.UtcNow - outageStarted is var since && since >= TimeSpan.Zero && since < Outage;
        });
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
            configure: b => b.Services.AddSingleton<HttpPipelinePolicy>(faults));
        using var client = new PppClient(connector.BaseUrl);
        var id = Payments.NewId();

        // A Test Suite asynchronous card: approved by the connector's own deadline, then the callback.
        var created = await client.PostAsync("/api/payments",
            Payments.Create(id, 10m, callbacks.CallbackUrlFor("TX", id), cardNumber: "4222222222222224"),
            [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);
        var view = await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.NotEqual(DateTimeOffset.MaxValue, outageStarted);
        Assert.Equal("approved", (string?)view["status"]);
        Assert.Single(callbacks.For(id));
    }
}
