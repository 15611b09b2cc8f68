using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Core.Tests.Integration;

/// <summary>
/// The write path against real Azurite tables: compare-and-set and the transactional outbox. Azurite is this class's
/// fixture, not the assembly's: the rest of Core's tests need no storage and start none.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PaymentEngineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly IOptions<StorageOptions> _options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
    {
        ConnectionString = azurite.ConnectionString,
        Prefix = TestEnvironment.UniquePrefix(),
    });

    private readonly PaymentMetrics _metrics = new(MetricsRecorder.NewFactory());
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
        var id = TestSupport.Payments.NewId();
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
    public async Task NewPayment_IsOneRow_AndItsCarriedAuditEntriesMoveToTheirOwnRowsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new PaymentRepository(Storage);
        var id = TestSupport.Payments.NewId();
        var claim = OutboxClaim.New(Start, TimeSpan.FromSeconds(30));

        var created = await repository.CommitAsync(id, null, PaymentDecider.Decide(null, new PaymentEvent.CreatePaymentCalled(id, Order(), Terms, null), Start), claim, ct);
        var rowsAfterCreate = await RowsAsync(id);
        var historyAfterCreate = await repository.ReadHistoryAsync(id, ct);
        var loaded = await repository.LoadAsync(id, ct);
        await repository.CommitAsync(id, loaded, PaymentDecider.Decide(loaded!.State, SerialAccepted(), Start), claim, ct);
        var again = await repository.LoadAsync(id, ct);
        var charge = PaymentDecider.Decide(again!.State, new PaymentEvent.CreatePaymentCalled(id, Order(), Terms, null), Start.AddSeconds(1));
        await repository.CommitAsync(id, again, charge, claim, ct, outbox: []);
        var history = await repository.ReadHistoryAsync(id, ct);

        Assert.Equal(1, rowsAfterCreate);
        Assert.Equal(historyAfterCreate.Count, created.Saved!.CarriedHistory!.Count);
        Assert.Equal(loaded.ETag, created.Saved.ETag);
        Assert.Null(again.CarriedHistory);
        Assert.Equal(historyAfterCreate, history.Take(historyAfterCreate.Count));
        Assert.Equal(history.Count, history.Distinct().Count());
        Assert.Equal(1 + history.Count, await RowsAsync(id));
    }

    [Fact]
    public async Task Commit_OfANewPaymentThatExists_IsAConflictAndKeepsTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new PaymentRepository(Storage);
        var id = TestSupport.Payments.NewId();
        var claim = OutboxClaim.New(Start, TimeSpan.FromSeconds(30));
        await repository.CommitAsync(id, null, PaymentDecider.Decide(null, new PaymentEvent.CreatePaymentCalled(id, Order(10m), Terms, null), Start), claim, ct);

        var second = repository.CommitAsync(id, null, PaymentDecider.Decide(null, new PaymentEvent.CreatePaymentCalled(id, Order(99m), Terms, null), Start), claim, ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second);
        Assert.Equal(10m, (await repository.LoadAsync(id, ct))!.State.Order.Value);
    }

    [Fact]
    public async Task Apply_WhenDispatchFails_KeepsTheEffectsInTheOutboxUntilDrained()
    {
        var ct = TestContext.Current.CancellationToken;
        var dispatcher = new RecordingDispatcher { FailuresLeft = 1 };
        var reminder = new RecordingReminder();
        var time = new FakeTimeProvider(Start);
        var engine = Engine(dispatcher, time, reminder);
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

        Assert.Single(reminder.Reminded);
        Assert.Equal(Start + _options.Value.OutboxReminderDelay, whileClaimed.RetryAt);
        Assert.Equal(["SendTerminalCommand", "ScheduleDeadline"], leftBehind.Select(e => e.Effect.GetType().Name));
        Assert.Contains(dispatcher.Dispatched, e => e is PaymentEffect.SendTerminalCommand);
        Assert.Contains(dispatcher.Dispatched, e => e is PaymentEffect.ScheduleDeadline);
        Assert.Equal(afterDrain, dispatcher.Dispatched.Count);
        Assert.Empty(await new PaymentRepository(Storage).ReadOutboxAsync(id, ct));
    }

    [Fact]
    public async Task Drain_WhileAnotherDrainHoldsTheRows_SendsNothingAndSaysWhenToComeBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var dispatcher = new GatedDispatcher();
        var time = new FakeTimeProvider(Start);
        var engine = Engine(dispatcher, time);
        var id = await ChargeCommittedWithoutDispatchAsync();

        var first = engine.DrainOutboxAsync(id, ct);
        await dispatcher.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var second = await engine.DrainOutboxAsync(id, ct);
        dispatcher.Release.SetResult();
        await first;
        var third = await engine.DrainOutboxAsync(id, ct);

        Assert.Equal(Start + _options.Value.OutboxReminderDelay, second.RetryAt);
        Assert.Null(third.RetryAt);
        Assert.Equal(["ScheduleDeadline", "SendTerminalCommand"], dispatcher.Dispatched.Select(e => e.GetType().Name).Order());
    }

    [Fact]
    public async Task Drain_OfACommandThatHasAResult_DeletesItWithoutSendingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var dispatcher = new RecordingDispatcher();
        var time = new FakeTimeProvider(Start);
        var repository = new PaymentRepository(Storage);
        var engine = Engine(dispatcher, time, repository: repository);
        var id = await ChargeCommittedWithoutDispatchAsync();

        await engine.ApplyAsync(id, ChargeResult(id, TerminalResultStatus.Declined), ct);
        var sentByTheResult = dispatcher.Dispatched.ToList();
        await engine.DrainOutboxAsync(id, ct);

        Assert.Equal(["NotifyVtex"], sentByTheResult.Select(e => e.GetType().Name));
        Assert.Equal(sentByTheResult, dispatcher.Dispatched);
        Assert.Empty(await repository.ReadOutboxAsync(id, ct));
    }

    [Fact]
    public async Task Commit_OfAStateLargerThanOneProperty_SpansSeveralAndReadsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new PaymentRepository(Storage);
        var id = TestSupport.Payments.NewId();
        var order = Order() with { CallbackUrl = "https://gw.example/cb?pad=" + new string('x', 70_000) };
        var decision = PaymentDecider.Decide(null, new PaymentEvent.CreatePaymentCalled(id, order, Terms, TestSuiteFlow.AsyncApproved), Start);

        await repository.CommitAsync(id, null, decision, OutboxClaim.New(Start, TimeSpan.FromSeconds(30)), ct);
        var row = (await Storage.Payments.GetEntityAsync<Azure.Data.Tables.TableEntity>(id, PaymentRowKeys.State(id), cancellationToken: ct)).Value;

        var swept = new List<PaymentState>();
        await foreach (var payment in new OpenPaymentsQuery(Storage).FindAsync(Start.AddDays(1), TimeSpan.FromDays(2), TimeSpan.Zero, ct))
        {
            swept.Add(payment.State);
        }

        Assert.Equal(order.CallbackUrl, (await repository.LoadAsync(id, ct))!.State.Order.CallbackUrl);
        Assert.Equal(order.CallbackUrl, Assert.Single(swept, s => s.PaymentId == id).Order.CallbackUrl);
        Assert.NotNull(row.GetString("State2"));
        Assert.Single(await repository.ReadOutboxAsync(id, ct));
    }

    [Fact]
    public async Task Apply_WhenTheStateWouldOutgrowStorage_IsRefusedAndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = Engine(new RecordingDispatcher(), new FakeTimeProvider(Start));
        var id = TestSupport.Payments.NewId();
        var order = Order() with { CallbackUrl = "https://gw.example/cb?pad=" + new string('x', ChunkedText.MaxChars) };

        var decision = await engine.ApplyAsync(id, new PaymentEvent.CreatePaymentCalled(id, order, Terms, null), ct);

        Assert.Equal("payment-too-large", decision.Rejection?.Code);
        Assert.Null(await engine.FindAsync(id, ct));
    }

    [Fact]
    public async Task Apply_BeyondTheOperationsCap_RefusesNewRequestIdsButAnswersKnownOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = Engine(new RecordingDispatcher(), new FakeTimeProvider(Start));
        var id = await ChargeCommittedWithoutDispatchAsync();
        await engine.ApplyAsync(id, ChargeResult(id, TerminalResultStatus.Approved), ct);

        for (var i = 0; i < PaymentLimits.MaxOperations; i++)
        {
            await engine.ApplyAsync(id, new PaymentEvent.SettlementRequested(RequestId(i), 0.01m), ct);
        }

        var refused = await engine.ApplyAsync(id, new PaymentEvent.SettlementRequested(RequestId(-1), 0.01m), ct);
        var repeated = await engine.ApplyAsync(id, new PaymentEvent.SettlementRequested(RequestId(7), 0.01m), ct);
        var recorded = await engine.ApplyAsync(id, new PaymentEvent.CallbackDelivered(1), ct);

        Assert.Equal("too-many-operations", refused.Rejection?.Code);
        Assert.Equal(DecisionOutcome.Unchanged, repeated.Outcome);
        Assert.Equal(CallbackStatus.Delivered, recorded.State!.Callback);
        Assert.Equal(PaymentLimits.MaxOperations, (await engine.FindAsync(id, ct))!.Operations.Count);
        Assert.Equal(PaymentLimits.MaxOperations * 0.01m, (await engine.FindAsync(id, ct))!.SettledAmount);
    }

    [Fact]
    public async Task Commit_RepeatedInputsAndDrains_CountEachFactOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var recorded = MeteredEngine(out var engine, out var time);
        var id = await ChargeCommittedWithoutDispatchAsync();
        await engine.DrainOutboxAsync(id, ct);
        await engine.DrainOutboxAsync(id, ct);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        await engine.ApplyAsync(id, ChargeResult(id, TerminalResultStatus.Approved), ct);

        await engine.ApplyAsync(id, ChargeResult(id, TerminalResultStatus.Approved), ct);
        await engine.ApplyAsync(id, new PaymentEvent.CreatePaymentCalled(id, Order(10m), Terms, null), ct);
        await engine.ApplyAsync(id, new PaymentEvent.DeadlineReached(), ct);
        await engine.ApplyAsync(id, new PaymentEvent.CallbackAbandoned(3, "test"), ct);
        await engine.ApplyAsync(id, new PaymentEvent.CallbackAbandoned(3, "test"), ct);

        Assert.Equal(1, recorded.Sum(PaymentMetrics.CommandsResent, ("command.type", "charge")));
        Assert.Equal(1, recorded.Sum(PaymentMetrics.Completed, ("status", "approved")));
        Assert.Equal(1, recorded.Sum(PaymentMetrics.Completed));
        Assert.Equal([1500d], recorded.Of(PaymentMetrics.TerminalResultLatency).Select(m => m.Value));
        Assert.Equal(0, recorded.Sum(PaymentMetrics.PastDeadline));
        Assert.Equal(1, recorded.Sum(PaymentMetrics.CallbackAbandoned));
    }

    [Fact]
    public async Task Deadline_OfAChargeTheTerminalNeverAnswered_CountsOneDenialAndNoPaymentPastItsDeadline()
    {
        var ct = TestContext.Current.CancellationToken;
        using var recorded = MeteredEngine(out var engine, out var time);
        var id = await ChargeCommittedWithoutDispatchAsync();
        await engine.ApplyAsync(id, new PaymentEvent.DeadlineReached(), ct);
        time.Advance(TimeSpan.FromSeconds(Terms.TerminalTimeoutSeconds + 1));

        await engine.ApplyAsync(id, new PaymentEvent.DeadlineReached(), ct);
        await engine.ApplyAsync(id, new PaymentEvent.DeadlineReached(), ct);

        // Its own deadline decided it in time: only the sweep finding it still waiting later counts as past its deadline.
        Assert.Equal(0, recorded.Sum(PaymentMetrics.PastDeadline));
        Assert.Equal(1, recorded.Sum(PaymentMetrics.Completed, ("status", "denied")));
    }

    /// <summary>The engine under test over this class's Azurite tables, with the parts a test varies.</summary>
    private PaymentEngine Engine(
        IPaymentEffectDispatcher dispatcher, TimeProvider time, RecordingReminder? reminder = null, PaymentRepository? repository = null,
        PaymentMetrics? metrics = null) =>
        new(repository ?? new PaymentRepository(Storage), new ReminderEffectPlanner(reminder ?? new RecordingReminder()), dispatcher, _options, time,
            NullLogger<PaymentEngine>.Instance, metrics ?? _metrics);

    /// <summary>An engine on a clock the test moves, and what its meters (only its own) record.</summary>
    private MetricsRecorder MeteredEngine(out PaymentEngine engine, out FakeTimeProvider time)
    {
        var meters = MetricsRecorder.NewFactory();
        time = new FakeTimeProvider(Start);
        engine = Engine(new RecordingDispatcher(), time, metrics: new PaymentMetrics(meters));
        return new MetricsRecorder(meters);
    }

    private async Task<int> RowsAsync(string id)
    {
        var rows = 0;
        await foreach (var _ in Storage.Payments.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == id, select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            rows++;
        }

        return rows;
    }

    private static string RequestId(int i) => $"{i:D4}-{new string('r', 120)}";

    private static PaymentEvent.TerminalResultReceived ChargeResult(string id, TerminalResultStatus status) =>
        new(Serial, new TerminalResult
        {
            CommandId = $"{id}-1", PaymentId = id, Type = TerminalCommandType.Charge, Status = status,
            AuthorizationId = "AUT-1", CardBrand = "Visa", FirstDigits = "411111", LastDigits = "1111",
        });

    /// <summary>A payment whose charge was committed by a writer that died before dispatching (its claim lapsed).</summary>
    private async Task<string> ChargeCommittedWithoutDispatchAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new PaymentRepository(Storage);
        var id = TestSupport.Payments.NewId();
        PaymentEvent created = new PaymentEvent.CreatePaymentCalled(id, Order(10m), Terms, null);
        var lapsed = new OutboxClaim("crashed-writer", Start);
        await repository.CommitAsync(id, null, PaymentDecider.Decide(null, created, Start), lapsed, ct);
        foreach (var e in new[] { SerialAccepted(), created })
        {
            var loaded = await repository.LoadAsync(id, ct);
            await repository.CommitAsync(id, loaded, PaymentDecider.Decide(loaded!.State, e, Start), lapsed, ct);
        }

        Assert.Equal(2, (await repository.ReadOutboxAsync(id, ct)).Count);
        return id;
    }

    private sealed class GatedDispatcher : IPaymentEffectDispatcher
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Collections.Concurrent.ConcurrentBag<PaymentEffect> Dispatched { get; } = [];

        public async Task DispatchAsync(string paymentId, PaymentEffect effect, CancellationToken ct)
        {
            Dispatched.Add(effect);
            Entered.TrySetResult();
            await Release.Task.WaitAsync(ct);
        }
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
}
