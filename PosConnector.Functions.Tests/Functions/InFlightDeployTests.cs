using Microsoft.Azure.Functions.Worker;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// A deploy with payments in flight, at its worst: every running orchestration terminated mid-flight (what an
/// incompatible deploy or a purge does; docs/operations.md "Deploying with payments in flight"). The payment state
/// lives in the table, not in the orchestration, so each payment still ends with exactly one callback and one charge.
/// </summary>
[Collection(FunctionsHostGroup.Name)]
[Trait("Category", "Functions")]
public sealed class InFlightDeployTests(FunctionsWorld world)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryOrchestrationTerminatedMidFlight_EachPaymentEndsWithOneCallbackAndOneCharge()
    {
        var approved = await world.StartChargeAsync(12.10m);
        var refusedOnce = await world.StartChargeAsync(12.20m);
        var silent = await world.StartChargeAsync(12.30m);
        var ids = new[] { approved, refusedOnce, silent };
        var charges = new Dictionary<string, TerminalCommand>();
        foreach (var id in ids)
        {
            await world.WaitForInstanceAsync(id, Ct);
            charges[id] = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        }

        // The deploy: every instance is gone mid-wait (its deadline timer with it).
        foreach (var id in ids)
        {
            await world.Durable.TerminateInstanceAsync(id, Ct);
            await world.Durable.WaitForInstanceCompletionAsync(id, Ct);
        }

        // The new version answers the terminal: the first callback attempt leaves from the request's process.
        var first = await world.PostResultAsync(charges[approved], "approved");
        var approvedView = await world.WaitForPaymentAsync(approved, v => (string?)v["callback"] == "delivered");
        world.Callbacks.FailNext(1);
        var second = await world.PostResultAsync(charges[refusedOnce], "approved");
        var refusedView = await world.WaitForPaymentAsync(refusedOnce, v => (string?)v["callback"] == "delivered");
        // Nobody answers the third: its deadline timer died with its instance, and the sweep (every 5 minutes, once a
        // payment is Sweep:Grace past its deadline) applies the deadline and calls back.
        await Task.Delay(TimeSpan.FromSeconds(TestSettings.TerminalTimeoutSeconds), Ct);
        world.Clock.Advance(TimeSpan.FromMinutes(2));
        try
        {
            await world.Maintenance.SweepPayments(new TimerInfo(), world.Durable, Ct);
        }
        finally
        {
            world.Clock.Advance(TimeSpan.FromMinutes(-2));
        }

        var silentView = await world.WaitForPaymentAsync(silent, v => (string?)v["callback"] == "delivered");
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal(("approved", "approved", "denied"),
            ((string?)approvedView["status"], (string?)refusedView["status"], (string?)silentView["status"]));
        // The refused callback's retry restarted the terminated instance, which went on at attempt 2.
        Assert.Equal([2], world.NotifyCallsFor(refusedOnce).Where(c => c.Delivered).Select(c => c.Attempt));
        foreach (var id in ids)
        {
            Assert.Single(world.Callbacks.For(id));
            var view = await world.ViewAsync(id);
            Assert.Single(view["state"]!["commands"]!, c => (string?)c["type"] == "charge");
        }
    }
}
