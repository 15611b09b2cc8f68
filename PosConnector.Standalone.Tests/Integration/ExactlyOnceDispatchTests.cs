using Microsoft.Extensions.DependencyInjection;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.Integration;

/// <summary>
/// A writer dies between its commit and its dispatch, or between dispatch and outbox delete; then drains and
/// reminders race. The real host (workers included) on real Azurite, no terminal: the command queue is counted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExactlyOnceDispatchTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private QueuedCommandsWorld _world = null!;

    private IServiceProvider Services => _world.Services;

    public async ValueTask InitializeAsync() => _world = await QueuedCommandsWorld.StartAsync(azurite);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task CrashAfterCommit_DrainsAndRemindersRacing_SendOneChargeAndOneCallback()
    {
        var (id, _) = await _world.IdentifiedPaymentAsync();
        var state = (await Services.GetRequiredService<PaymentEngine>().FindAsync(id, Ct))!;

        // The charge is committed, then its writer dies: nothing dispatched, rows left behind.
        await CommitWithoutDispatchAsync(id, new PaymentEvent.CreatePaymentCalled(id, state.Order, state.Terms, null));
        await RaceDrainsAsync(id);
        await WaitForQuietAsync(id);
        var charge = Assert.Single(await _world.CommandsForAsync(id, Ct));
        Assert.Equal(TerminalCommandType.Charge, charge.Type);

        // The approval is committed and its callback message sent, then the writer dies before deleting the row.
        var outbox = await CommitWithoutDispatchAsync(id, TerminalCommands.Approval(charge));
        var notify = Assert.Single(outbox, e => e.Effect is PaymentEffect.NotifyVtex);
        await Services.GetRequiredService<IPaymentEffectDispatcher>().DispatchAsync(id, notify.Effect, Ct);
        await RaceDrainsAsync(id);
        await _world.Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(30));
        await WaitForQuietAsync(id);

        Assert.Equal("approved", (string?)Assert.Single(_world.Callbacks.For(id)).Body["status"]);
        Assert.Single(await _world.CommandsForAsync(id, Ct));
    }

    [Fact]
    public async Task ChargeRowLeftBehind_AfterTheTerminalAnswered_IsNotSentAgain()
    {
        var (id, _) = await _world.IdentifiedPaymentAsync();
        var state = (await Services.GetRequiredService<PaymentEngine>().FindAsync(id, Ct))!;
        var outbox = await CommitWithoutDispatchAsync(id, new PaymentEvent.CreatePaymentCalled(id, state.Order, state.Terms, null));
        var send = (PaymentEffect.SendTerminalCommand)Assert.Single(outbox, e => e.Effect is PaymentEffect.SendTerminalCommand).Effect;

        // Sent before the crash; the terminal answers before any reminder comes.
        await Services.GetRequiredService<IPaymentEffectDispatcher>().DispatchAsync(id, send, Ct);
        await Services.GetRequiredService<PaymentEngine>().ApplyAsync(id, TerminalCommands.Approval(send.Command), Ct);
        await RaceDrainsAsync(id);
        await _world.Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(30));
        await WaitForQuietAsync(id);

        Assert.Single(await _world.CommandsForAsync(id, Ct));
        Assert.Single(_world.Callbacks.For(id));
        Assert.Empty(await Services.GetRequiredService<PaymentRepository>().ReadOutboxAsync(id, Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a writer that dies right after its commit leaves: the rows, under a claim that already lapsed.</summary>
    private async Task<IReadOnlyList<OutboxEntry>> CommitWithoutDispatchAsync(string id, PaymentEvent @event)
    {
        var repository = Services.GetRequiredService<PaymentRepository>();
        var loaded = await repository.LoadAsync(id, Ct);
        var now = DateTimeOffset.UtcNow;
        var decision = PaymentDecider.Decide(loaded!.State, @event, now);
        Assert.NotEmpty(decision.Effects);
        return (await repository.CommitAsync(id, loaded, decision, new OutboxClaim("crashed-writer", now), Ct)).Outbox;
    }

    /// <summary>Two drains in this process and two reminders for the host's outbox worker, all at once.</summary>
    private async Task RaceDrainsAsync(string id)
    {
        var engine = Services.GetRequiredService<PaymentEngine>();
        var outbox = Services.GetRequiredService<StorageClients>().Outbox;
        await Task.WhenAll(
            engine.DrainOutboxAsync(id, Ct),
            engine.DrainOutboxAsync(id, Ct),
            outbox.SendMessageAsync(id, Ct),
            outbox.SendMessageAsync(id, Ct));
    }

    /// <summary>Until the outbox rows, reminders and callback messages are all gone: a duplicate would exist by then.</summary>
    private async Task WaitForQuietAsync(string id)
    {
        var storage = Services.GetRequiredService<StorageClients>();
        var repository = Services.GetRequiredService<PaymentRepository>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = (await repository.ReadOutboxAsync(id, Ct)).Count;
            var reminders = (await storage.Outbox.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;
            var callbacks = (await storage.Callbacks.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;
            if (rows + reminders + callbacks == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"Still pending after 60 s: {rows} outbox rows, {reminders} reminders, {callbacks} callbacks.");
            await Task.Delay(100, Ct);
        }
    }
}
