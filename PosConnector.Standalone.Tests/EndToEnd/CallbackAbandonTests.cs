using Microsoft.Extensions.DependencyInjection;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>VTEX never accepts the callback: the last attempt is made just before delayToCancel, then operators are told, truthfully.</summary>
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
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("OPERATOR ALERT: callback abandoned", StringComparison.Ordinal)
            && ((string)h["note"]!).EndsWith(") passed", StringComparison.Ordinal));
        var refusedWhenAbandoned = callbacks.Refused;
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(refusedWhenAbandoned, callbacks.Refused);
    }

    /// <summary>Issue 18: the alert once fired 71 s before delayToCancel while saying it had passed.</summary>
    [Fact]
    public async Task Callback_StillRefusedJustBeforeDelayToCancel_IsAbandonedSayingHowFarAwayItIs()
    {
        var clock = new ShiftedTimeProvider();
        await using var callbacks = await CallbackReceiver.StartAsync();
        callbacks.FailNext(int.MaxValue);
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        using var client = new PppClient(connector.BaseUrl);
        var id = Payments.NewId();
        var created = await client.PostAsync("/api/payments", Payments.Create(id, 10m, callbacks.CallbackUrlFor("TX", id), cardNumber: "4222222222222224"),
            [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);
        var state = (await client.WaitForPaymentAsync(id, _ => callbacks.Refused >= 2, TimeSpan.FromSeconds(20)))["state"]!;
        var giveUpAt = ((DateTimeOffset)state["createdAt"]!).AddSeconds((int)created.Json["delayToCancel"]!);

        // Inside the last request timeout (10 s) before delayToCancel: the next failure is the last attempt.
        clock.Advance(giveUpAt - TimeSpan.FromSeconds(5) - clock.GetUtcNow());
        var view = await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "abandoned", TimeSpan.FromSeconds(20));

        var alert = view["history"]!.Select(h => (string)h["note"]!).Single(n => n.StartsWith("OPERATOR ALERT", StringComparison.Ordinal));
        Assert.Matches(@"^OPERATOR ALERT: callback abandoned after \d+ attempt\(s\): last attempt: HTTP 503; delayToCancel \(\d\d:\d\d:\d\d UTC\) is [1-5] s away, too soon for another attempt to end before it$", alert);
        Assert.True(clock.GetUtcNow() < giveUpAt);
    }
}
