using PosConnector.Core.Json;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using Xunit;
using static PosConnector.Functions.Tests.TestSupport.DeciderSpec;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>Row keys, the plain effect plan and the callback body: small rules the write path relies on.</summary>
public sealed class StorageLayoutRulesTests
{
    [Fact]
    public void RowKeys_NameTheirPayment_AndAPrefixNeverReachesAnotherPaymentOrKind()
    {
        string[] keys =
        [
            PaymentRowKeys.State("AB"), PaymentRowKeys.History("AB", 1, 0), PaymentRowKeys.Outbox("AB", 1, 0), PaymentRowKeys.Lease("AB", "callback"),
            PaymentRowKeys.State("ABC"), PaymentRowKeys.History("ABC", 1, 0), PaymentRowKeys.Outbox("ABC", 1, 0), PaymentRowKeys.Lease("ABC", "callback"),
        ];

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["history|AB|0000000001|000"], keys.Where(k => k.StartsWith(PaymentRowKeys.HistoryPrefix("AB"), StringComparison.Ordinal)));
        Assert.Equal(["outbox|ABC|0000000001|000"], keys.Where(k => k.StartsWith(PaymentRowKeys.OutboxPrefix("ABC"), StringComparison.Ordinal)));
        Assert.Equal("state|AB", PaymentRowKeys.State("AB"));
        Assert.Equal("lease|AB|callback", PaymentRowKeys.Lease("AB", "callback"));
        // Versions sort as numbers: version 10 after version 9.
        Assert.True(string.CompareOrdinal(PaymentRowKeys.History("AB", 9, 0), PaymentRowKeys.History("AB", 10, 0)) < 0);
    }

    [Fact]
    public void RangeFilter_CoversExactlyTheKeysWithThePrefix()
    {
        Assert.Equal("RowKey ge 'state|' and RowKey lt 'state}'", PaymentRowKeys.RangeFilter("state|"));
        Assert.Equal(PaymentRowKeys.RangeFilter("state|"), PaymentRowKeys.StateRowsFilter);
        Assert.Equal("RowKey ge 'history|A''B|' and RowKey lt 'history|A''B}'", PaymentRowKeys.RangeFilter("history|A'B|"));
    }

    [Fact]
    public async Task ReminderEffectPlanner_RemindsOncePerCall_AndPutsEveryEffectInTheOutbox()
    {
        var reminder = new CountingReminder();
        var planner = new ReminderEffectPlanner(reminder);
        PaymentEffect[] first = [new PaymentEffect.ScheduleDeadline(Start)];
        PaymentEffect[] second = [new PaymentEffect.SendTerminalCommand(TestSupport.TerminalCommands.Charge("P1", "S1")), new PaymentEffect.ScheduleDeadline(Start)];

        var plan = await planner.BeforeCommitAsync("P1", first, null, CancellationToken.None);
        var replanned = await planner.BeforeCommitAsync("P1", second, plan, CancellationToken.None);
        await planner.BeforeCommitAsync("P2", first, null, CancellationToken.None);

        Assert.Equal(["P1", "P2"], reminder.Reminded);
        Assert.Equal(first, plan.Outbox);
        Assert.Equal(second, replanned.Outbox);
        Assert.Equal("P1", replanned.PaymentId);
    }

    [Fact]
    public void CallbackMessage_For_IsTheCreatePaymentAnswerOfTheStoredState()
    {
        var state = Given(Approved())!;

        var message = CallbackMessage.For(state, attempt: 3);

        Assert.Equal(state.PaymentId, message.PaymentId);
        Assert.Equal((state.Order.CallbackUrl, PosConnectorJson.Serialize(PaymentAnswers.CreatePayment(state))), CallbackMessage.PostFor(state));
        Assert.Equal(state.CreatedAt.AddSeconds(state.Terms.DelayToCancel), message.GiveUpAt);
        Assert.Equal(3, message.Attempt);
    }

    [Fact]
    public void CallbackMessage_ForADecisionsNotifyEffect_IsTheFirstAttemptAtTheSameCallback()
    {
        var state = Given(Approved())!;
        var notify = new PaymentEffect.NotifyVtex(state.CreatedAt.AddSeconds(600));

        var message = CallbackMessage.For(state.PaymentId, notify);

        Assert.Equal(CallbackMessage.For(state, attempt: 1) with { GiveUpAt = notify.GiveUpAt }, message);
        Assert.Equal(state.CreatedAt.AddSeconds(600), message.GiveUpAt);
    }

    private sealed class CountingReminder : IOutboxReminder
    {
        public List<string> Reminded { get; } = [];

        public Task RemindAsync(string paymentId, CancellationToken ct)
        {
            Reminded.Add(paymentId);
            return Task.CompletedTask;
        }
    }
}
