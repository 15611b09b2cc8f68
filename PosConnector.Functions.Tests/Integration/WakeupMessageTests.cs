using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Functions.Tests.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Integration;

/// <summary>
/// The standalone host's wake-up messages (QueueEffectPlanner): queued before the commit, then moved, deleted or left
/// to fire. The real host and workers on real Azurite; the terminal's queue is read directly.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WakeupMessageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Serial = "WAKE-1";
    private readonly string _prefix = TestEnvironment.UniquePrefix();
    private ConnectorApp _connector = null!;
    private CallbackReceiver _callbacks = null!;
    private PppClient _client = null!;

    private IServiceProvider Services => _connector.Services;

    private StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public async ValueTask InitializeAsync()
    {
        _callbacks = await CallbackReceiver.StartAsync();
        // A deadline far beyond the 2 s reminder delay: a message seen before it is the reminder, not the deadline.
        _connector = await ConnectorApp.StartAsync(azurite.ConnectionString, _prefix, configure: builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Payments:TerminalTimeoutSeconds"] = "25" }));
        _client = new PppClient(_connector.BaseUrl);
        await _client.RegisterTerminalAsync(Serial);
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _callbacks.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task ApprovedPayment_LeavesNoMessageBehind_AndItsAuditTrailHoldsEachEntryOnce()
    {
        var (id, body) = await IdentifiedPaymentAsync();
        await _client.CreatePaymentAsync(body);
        var charge = Assert.Single(await CommandsForAsync(id));
        Assert.Equal(1, await PendingAsync(Storage.Deadlines));

        await Services.GetRequiredService<PaymentEngine>().ApplyAsync(id, TerminalCommands.Approval(charge), Ct);
        await _client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(20));

        // The deadline (25 s away) and the callback's retry message were deleted, not left to fire.
        await WaitUntilAsync(async () => await PendingAsync(Storage.Deadlines) + await PendingAsync(Storage.Callbacks) + await PendingAsync(Storage.Outbox) == 0,
            "deadline, callback retry or reminder message still queued");
        var history = await Services.GetRequiredService<PaymentEngine>().HistoryAsync(id, Ct);
        Assert.Equal(nameof(PaymentEvent.CreatePaymentCalled), history[0].Event);
        Assert.Equal(history.Count, history.Distinct().Count());
        Assert.Equal("approved", (string?)Assert.Single(_callbacks.For(id)).Body["status"]);
    }

    [Fact]
    public async Task ChargeCommittedButNeverSent_ItsDeadlineMessageSendsItOnce_AndTheDeadlineStillWaits()
    {
        var (id, _) = await IdentifiedPaymentAsync();
        var repository = Services.GetRequiredService<PaymentRepository>();
        var loaded = await repository.LoadAsync(id, Ct);
        var now = DateTimeOffset.UtcNow;
        var decision = PaymentDecider.Decide(loaded!.State, new PaymentEvent.CreatePaymentCalled(id, loaded.State.Order, loaded.State.Terms, null), now);

        // The writer queues its wake-ups and commits, then dies: no dispatch, no follow-up.
        var plan = await Services.GetRequiredService<IEffectPlanner>().BeforeCommitAsync(id, decision.Effects, null, Ct);
        await repository.CommitAsync(id, loaded, decision, OutboxClaim.New(now, TimeSpan.FromSeconds(2)), Ct, plan.Outbox);
        Assert.Empty(await CommandsForAsync(id));

        await WaitUntilAsync(async () => (await CommandsForAsync(id)).Count > 0, "the charge was never sent");
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Equal(TerminalCommandType.Charge, Assert.Single(await CommandsForAsync(id)).Type);
        Assert.Empty(await repository.ReadOutboxAsync(id, Ct));
        Assert.Equal(PaymentPhase.AwaitingTerminal, (await repository.LoadAsync(id, Ct))!.State.Phase);
        Assert.Equal(1, await PendingAsync(Storage.Deadlines));
    }

    [Fact]
    public async Task OverlappingRepeatCreates_SendOneCharge_AndKeepOneDeadlineMessage()
    {
        var (id, body) = await IdentifiedPaymentAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.CreatePaymentAsync(body)));

        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.OK, a.Status));
        Assert.Single(await CommandsForAsync(id));
        // Every losing writer deleted the deadline message it had queued for its decision.
        Assert.Equal(1, await PendingAsync(Storage.Deadlines));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    private async Task<(string Id, Newtonsoft.Json.Linq.JObject Body)> IdentifiedPaymentAsync()
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, 12.34m, _callbacks.CallbackUrlFor("TX1", id));
        var first = await _client.CreatePaymentAsync(body);
        await _client.SubmitSerialAsync(first, Serial);
        return (id, body);
    }

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

    private Task<List<TerminalCommand>> CommandsForAsync(string id) => TerminalCommands.QueuedForAsync(Storage, id, Ct);
}
