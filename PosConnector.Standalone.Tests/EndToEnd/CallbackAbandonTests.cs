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
        await using var world = await RefusedCallbackWorld.StartAsync(azurite);

        world.Clock.Advance(TimeSpan.FromSeconds(601));
        var view = await world.Client.WaitForPaymentAsync(world.Id, v => (string?)v["callback"] == "abandoned", TimeSpan.FromSeconds(20));

        Assert.Equal("approved", (string?)view["status"]);
        Assert.Empty(world.Callbacks.Received);
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("OPERATOR ALERT: callback abandoned", StringComparison.Ordinal)
            && ((string)h["note"]!).EndsWith(") passed", StringComparison.Ordinal));
        var refusedWhenAbandoned = world.Callbacks.Refused;
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(refusedWhenAbandoned, world.Callbacks.Refused);
    }

    /// <summary>Issue 18: the alert once fired 71 s before delayToCancel while saying it had passed.</summary>
    [Fact]
    public async Task Callback_StillRefusedJustBeforeDelayToCancel_IsAbandonedSayingHowFarAwayItIs()
    {
        await using var world = await RefusedCallbackWorld.StartAsync(azurite);

        // Inside the last request timeout (10 s) before delayToCancel: the next failure is the last attempt.
        world.Clock.Advance(world.GiveUpAt - TimeSpan.FromSeconds(5) - world.Clock.GetUtcNow());
        var view = await world.Client.WaitForPaymentAsync(world.Id, v => (string?)v["callback"] == "abandoned", TimeSpan.FromSeconds(20));

        var alert = view["history"]!.Select(h => (string)h["note"]!).Single(n => n.StartsWith("OPERATOR ALERT", StringComparison.Ordinal));
        Assert.Matches(@"^OPERATOR ALERT: callback abandoned after \d+ attempt\(s\): last attempt: HTTP 503; delayToCancel \(\d\d:\d\d:\d\d UTC\) is [1-5] s away, too soon for another attempt to end before it$", alert);
        Assert.True(world.Clock.GetUtcNow() < world.GiveUpAt);
    }

    /// <summary>A Test Suite payment approved at once whose callback the receiver keeps refusing (two refusals seen), on a movable clock.</summary>
    private sealed class RefusedCallbackWorld : IAsyncDisposable
    {
        private ConnectorApp _connector = null!;

        public ShiftedTimeProvider Clock { get; } = new();
        public CallbackReceiver Callbacks { get; private set; } = null!;
        public PppClient Client { get; private set; } = null!;
        public string Id { get; } = Payments.NewId();
        public DateTimeOffset GiveUpAt { get; private set; }

        public static async Task<RefusedCallbackWorld> StartAsync(AzuriteFixture azurite)
        {
            var world = new RefusedCallbackWorld { Callbacks = await CallbackReceiver.StartAsync() };
            world.Callbacks.FailNext(int.MaxValue);
            world._connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix(),
                configure: b => b.Services.AddSingleton<TimeProvider>(world.Clock));
            world.Client = new PppClient(world._connector.BaseUrl);
            var created = await world.Client.PostAsync("/api/payments",
                Payments.Create(world.Id, 10m, world.Callbacks.CallbackUrlFor("TX", world.Id), cardNumber: "4222222222222224"),
                [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);
            var view = await world.Client.WaitForPaymentAsync(world.Id, _ => world.Callbacks.Refused >= 2, TimeSpan.FromSeconds(20));
            world.GiveUpAt = ((DateTimeOffset)view["state"]!["createdAt"]!).AddSeconds((int)created.Json["delayToCancel"]!);
            return world;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _connector.DisposeAsync();
            await Callbacks.DisposeAsync();
        }
    }
}
