using Microsoft.Extensions.DependencyInjection;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>VTEX never accepts the callback: retries stop once delayToCancel has passed, and operators are told.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CallbackAbandonTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Callback_RefusedUntilDelayToCancelPasses_IsAbandonedAndShownAsAnAlert()
    {
        var clock = new ShiftedTimeProvider();
        await using var callbacks = await CallbackReceiver.StartAsync();
        callbacks.FailNext(int.MaxValue);
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        using var client = new PppClient(connector.BaseUrl);
        var id = Payments.NewId();

        await client.PostAsync("/api/payments", Payments.Create(id, 10m, callbacks.CallbackUrlFor("TX", id), cardNumber: "4222222222222224"),
            [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);
        await client.WaitForPaymentAsync(id, _ => callbacks.Refused >= 2, TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(601));
        var view = await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "abandoned", TimeSpan.FromSeconds(20));

        Assert.Equal("approved", (string?)view["status"]);
        Assert.Empty(callbacks.Received);
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("OPERATOR ALERT: callback abandoned", StringComparison.Ordinal));
        var refusedWhenAbandoned = callbacks.Refused;
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(refusedWhenAbandoned, callbacks.Refused);
    }
}
