using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's outbox reminder (Core's ReminderEffectPlanner): one delayed message per decision with effects,
/// deleted once the effects went out, kept when dispatch failed. Observed at the outbox queue trigger (the world's
/// pump), which receives every reminder that fires.
/// </summary>
[Collection(FunctionsHostGroup.Name)]
[Trait("Category", "Functions")]
public sealed class OutboxReminderTests(FunctionsWorld world)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApprovedPayment_EveryEffectDispatched_NoReminderFires()
    {
        var id = await world.StartChargeAsync(31.10m);
        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        await world.PostResultAsync(charge, "approved");
        await world.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered");

        // Queued after every decision of the payment with the reminders' own delay, the marker becomes visible after
        // any reminder they left; once the trigger has received it, such a reminder has fired or is visible.
        var marker = Payments.NewId();
        await world.Storage.Outbox.SendMessageAsync(marker, world.ReminderDelay, cancellationToken: Ct);
        await WaitUntilAsync(() => world.RemindersReceived.Contains(marker));
        var left = (await world.Storage.Outbox.PeekMessagesAsync(32, Ct)).Value;

        Assert.DoesNotContain(id, world.RemindersReceived);
        Assert.DoesNotContain(left, m => m.MessageText == id);
    }

    [Fact]
    public async Task Charge_CommandSendFailed_ItsReminderStaysAndSendsTheCharge()
    {
        var id = Payments.NewId();
        world.FailTerminalCommands(id, times: 1);

        await world.StartChargeAsync(31.20m, id);
        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);

        Assert.Equal(id, charge.PaymentId);
        Assert.Contains(id, world.RemindersReceived);
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow + FunctionsWorld.Patience;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Not done within {FunctionsWorld.Patience}.");
            }

            await Task.Delay(100, Ct);
        }
    }
}
