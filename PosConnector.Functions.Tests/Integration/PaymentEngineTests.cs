using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Functions.Tests.TestSupport;
using Xunit;
using static PosConnector.Functions.Tests.TestSupport.DeciderSpec;

namespace PosConnector.Functions.Tests.Integration;

/// <summary>The write path against real Azurite tables: compare-and-set and the transactional outbox.</summary>
[Trait("Category", "Integration")]
public sealed class PaymentEngineTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly IOptions<StorageOptions> _options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
    {
        ConnectionString = azurite.ConnectionString,
        Prefix = TestEnvironment.UniquePrefix(),
    });

    private StorageClients? _clients;

    private StorageClients Storage => _clients ??= new StorageClients(_options);

    public async ValueTask InitializeAsync() => await Storage.EnsureTablesAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Storage.Payments.DeleteAsync();
        await Storage.Terminals.DeleteAsync();
    }

    [Fact]
    public async Task Commit_WithAStaleETag_IsRefusedAsAConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new PaymentRepository(Storage);
        var id = Payments.NewId();
        var claim = OutboxClaim.New(Start, TimeSpan.FromSeconds(30));
        await repository.CommitAsync(id, null, PaymentDecider.Decide(null, new PaymentEvent.CreatePaymentCalled(id, Order(), Terms, null), Start), claim, ct);
        var loaded = await repository.LoadAsync(id, ct);
        var next = PaymentDecider.Decide(loaded!.State, SerialAccepted(), Start);

        await repository.CommitAsync(id, loaded, next, claim, ct);
        var stale = repository.CommitAsync(id, loaded, next, claim, ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stale);
        Assert.Equal(PaymentPhase.TerminalIdentified, (await repository.LoadAsync(id, ct))!.State.Phase);
        Assert.Equal(2, (await repository.ReadHistoryAsync(id, ct)).Count);
    }

    [Fact]
    public async Task Apply_WhenDispatchFails_KeepsTheEffectsInTheOutboxUntilDrained()
    {
        var ct = TestContext.Current.CancellationToken;
        var dispatcher = new RecordingDispatcher { FailuresLeft = 1 };
        var reminder = new CountingReminder();
        var time = new FakeTimeProvider(Start);
        var engine = new PaymentEngine(new PaymentRepository(Storage), reminder, dispatcher, _options, time, NullLogger<PaymentEngine>.Instance);
        var id = PaymentId + Guid.NewGuid().ToString("N")[..6];
        PaymentEvent created = new PaymentEvent.CreatePaymentCalled(id, Order(), Terms, null);

        await engine.ApplyAsync(id, created, ct);
        await engine.ApplyAsync(id, SerialAccepted(), ct);
        await engine.ApplyAsync(id, created, ct);
        var leftBehind = await new PaymentRepository(Storage).ReadOutboxAsync(id, ct);
        var whileClaimed = await engine.DrainOutboxAsync(id, ct);
        time.Advance(_options.Value.OutboxReminderDelay);
        await engine.DrainOutboxAsync(id, ct);
        var afterDrain = dispatcher.Dispatched.Count;
        await engine.DrainOutboxAsync(id, ct);

        Assert.Equal(1, reminder.Count);
        Assert.Equal(Start + _options.Value.OutboxReminderDelay, whileClaimed.RetryAt);
        Assert.Equal(["SendTerminalCommand", "ScheduleDeadline"], leftBehind.Select(e => e.Effect.GetType().Name));
        Assert.Contains(dispatcher.Dispatched, e => e is PaymentEffect.SendTerminalCommand);
        Assert.Contains(dispatcher.Dispatched, e => e is PaymentEffect.ScheduleDeadline);
        Assert.Equal(afterDrain, dispatcher.Dispatched.Count);
        Assert.Empty(await new PaymentRepository(Storage).ReadOutboxAsync(id, ct));
    }

    private sealed class RecordingDispatcher : IPaymentEffectDispatcher
    {
        public int FailuresLeft { get; set; }

        public List<PaymentEffect> Dispatched { get; } = [];

        public Task DispatchAsync(string paymentId, PaymentEffect effect, CancellationToken ct)
        {
            if (FailuresLeft-- > 0)
            {
                throw new InvalidOperationException("queue unavailable");
            }

            Dispatched.Add(effect);
            return Task.CompletedTask;
        }
    }

    private sealed class CountingReminder : IOutboxReminder
    {
        public int Count { get; private set; }

        public Task RemindAsync(string paymentId, CancellationToken ct)
        {
            Count++;
            return Task.CompletedTask;
        }
    }
}
