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
/// The standalone host's wake-up messages (QueueEffectPlanner): queued before the commit, then moved, deleted or left
/// to fire. The real host and workers on real Azurite; the terminal's queue is read directly.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WakeupMessageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private QueuedCommandsWorld _world = null!;

    private IServiceProvider Services => _world.Services;

    public async ValueTask InitializeAsync() => _world = await QueuedCommandsWorld.StartAsync(azurite);

    public ValueTask DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ApprovedPayment_LeavesNoMessageBehind_AndItsAuditTrailHoldsEachEntryOnce()
    {
        var (id, body) = await _world.IdentifiedPaymentAsync();
        await _world.Client.CreatePaymentAsync(body);
        var charge = Assert.Single(await _world.CommandsForAsync(id, Ct));
        Assert.Equal(1, await PendingAsync(_world.Storage.Deadlines));

        await Services.GetRequiredService<PaymentEngine>().ApplyAsync(id, TerminalCommands.Approval(charge), Ct);
        await _world.Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(20));

        // The deadline (25 s away) and the callback's retry message were deleted, not left to fire.
        await WaitUntilAsync(async () => await PendingAsync(_world.Storage.Deadlines) + await PendingAsync(_world.Storage.Callbacks) + await PendingAsync(_world.Storage.Outbox) == 0,
            "deadline, callback retry or reminder message still queued");
        var history = await Services.GetRequiredService<PaymentEngine>().HistoryAsync(id, Ct);
        Assert.Equal(nameof(PaymentEvent.CreatePaymentCalled), history[0].Event);
        Assert.Equal(history.Count, history.Distinct().Count());
        Assert.Equal("approved", (string?)Assert.Single(_world.Callbacks.For(id)).Body["status"]);
    }

    [Fact]
    public async Task ChargeCommittedButNeverSent_ItsDeadlineMessageSendsItOnce_AndTheDeadlineStillWaits()
    {
        var (id, _) = await _world.IdentifiedPaymentAsync();
        var repository = Services.GetRequiredService<PaymentRepository>();
        var loaded = await repository.LoadAsync(id, Ct);
        var now = DateTimeOffset.UtcNow;
        var decision = PaymentDecider.Decide(loaded!.State, new PaymentEvent.CreatePaymentCalled(id, loaded.State.Order, loaded.State.Terms, null), now);

        // The writer queues its wake-ups and commits, then dies: no dispatch, no follow-up.
        var plan = await Services.GetRequiredService<IEffectPlanner>().BeforeCommitAsync(id, decision.Effects, null, Ct);
        await repository.CommitAsync(id, loaded, decision, OutboxClaim.New(now, TimeSpan.FromSeconds(2)), Ct, plan.Outbox);
        Assert.Empty(await _world.CommandsForAsync(id, Ct));

        await WaitUntilAsync(async () => (await _world.CommandsForAsync(id, Ct)).Count > 0, "the charge was never sent");
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Equal(TerminalCommandType.Charge, Assert.Single(await _world.CommandsForAsync(id, Ct)).Type);
        Assert.Empty(await repository.ReadOutboxAsync(id, Ct));
        Assert.Equal(PaymentPhase.AwaitingTerminal, (await repository.LoadAsync(id, Ct))!.State.Phase);
        Assert.Equal(1, await PendingAsync(_world.Storage.Deadlines));
    }

    [Fact]
    public async Task OverlappingRepeatCreates_SendOneCharge_AndKeepOneDeadlineMessage()
    {
        var (id, body) = await _world.IdentifiedPaymentAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _world.Client.CreatePaymentAsync(body)));

        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.OK, a.Status));
        Assert.Single(await _world.CommandsForAsync(id, Ct));
        // Every losing writer deleted the deadline message it had queued for its decision.
        Assert.Equal(1, await PendingAsync(_world.Storage.Deadlines));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Messages on the queue, visible or not (Azure counts both).</summary>
    private static async Task<int> PendingAsync(Azure.Storage.Queues.QueueClient queue) =>
        (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string failure)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100, Ct);
        }
    }
}
