using Microsoft.DurableTask.Client;
using Newtonsoft.Json.Linq;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's PaymentOrchestrator under the real Durable engine (in process: real replay, durable timers,
/// external events), with the real activities over Azurite. Terminal timeout: <see cref="TestSettings.TerminalTimeoutSeconds"/> s.
/// </summary>
[Collection(FunctionsHostGroup.Name)]
[Trait("Category", "Functions")]
public sealed class PaymentOrchestratorTests(FunctionsWorld world)
{
    [Fact]
    public async Task Charge_Approved_CallsBackOnceAndTheOrchestrationCompletesThroughReplays()
    {
        var replaysBefore = world.Replays;
        var readsBefore = world.ReadStepCalls;
        var id = await world.StartChargeAsync(31.90m);
        // The orchestration runs while the payment awaits its terminal (its deadline's wakeup starts it).
        await world.WaitForInstanceAsync(id, TestContext.Current.CancellationToken);

        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        var accepted = await world.PostResultAsync(charge, "approved");
        var callback = await world.Callbacks.WaitForAsync(id, FunctionsWorld.Patience);
        var instance = await world.WaitForOrchestrationAsync(id);
        var view = await world.ViewAsync(id);

        Assert.Equal(200, accepted.Status);
        Assert.Equal("approved", (string?)callback.Body["status"]);
        Assert.Equal("1111", (string?)callback.Body["lastDigits"]);
        Assert.Equal(TestSettings.PartnerAppKey, callback.AppKey);
        Assert.Equal("delivered", (string?)view["callback"]);
        // The engine replays the history on every new event and fails the instance on any non-deterministic step.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("\"Complete\"", instance.SerializedOutput);
        Assert.True(world.Replays > replaysBefore, "the orchestrator was never replayed");
        // The first attempt leaves from the process that recorded the terminal's result, not from an activity (one
        // woken by its deadline timer meanwhile finds the callback lease held and posts nothing).
        Assert.DoesNotContain(world.NotifyCallsFor(id), c => c.Delivered);
        Assert.Single(world.Callbacks.For(id));
        Assert.Contains(view["history"]!, h => (string?)h["note"] == "Callback delivered after 1 attempt(s).");
        // Each step travelled with what woke the instance (its start, the event): no activity only read the table.
        Assert.Equal(readsBefore, world.ReadStepCalls);
    }

    [Fact]
    public async Task Charge_FirstCallbackAttemptRefused_TheWokenOrchestrationRetriesUntilDelivered()
    {
        var id = await world.StartChargeAsync(31.50m);
        // Its deadline's wake-up has started the instance: only the refused attempt's wake-up brings the callback to it.
        await world.WaitForInstanceAsync(id, TestContext.Current.CancellationToken);
        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        world.Callbacks.FailNext(1);

        var accepted = await world.PostResultAsync(charge, "approved");
        var view = await world.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered");
        var instance = await world.WaitForOrchestrationAsync(id);

        Assert.Equal(200, accepted.Status);
        // Refused once from the process that recorded the result; the wake-up it left then brought the orchestration in.
        Assert.Equal(1, world.Callbacks.RefusedFor(id));
        Assert.Single(world.Callbacks.For(id));
        // The orchestration's attempt is the second: the first one's number is not reused.
        Assert.Equal([2], world.NotifyCallsFor(id).Where(c => c.Delivered).Select(c => c.Attempt));
        Assert.Equal("approved", (string?)view["status"]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
    }

    [Fact]
    public async Task Serial_Unknown_DeniedAndCalledBackWithoutAnyOrchestration()
    {
        var (id, submitted) = await world.DeniedBySerialAsync(12.30m);

        var callback = await world.Callbacks.WaitForAsync(id, FunctionsWorld.Patience);
        await world.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered");
        await world.WaitForNoWakeupsAsync();

        Assert.Equal(422, submitted.Status);
        Assert.Equal(("denied", "terminal-unknown"), ((string?)callback.Body["status"], (string?)callback.Body["code"]));
        // The first attempt delivered it; its wakeup found nothing left to orchestrate, so no instance was started.
        Assert.Null(await world.Durable.GetInstanceAsync(id, TestContext.Current.CancellationToken));
        Assert.Single(world.Callbacks.For(id));
    }

    [Fact]
    public async Task Charge_TerminalSilent_DeadlineAbortsAndDenies()
    {
        var id = await world.StartChargeAsync(10.02m);

        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        var callback = await world.Callbacks.WaitForAsync(id, FunctionsWorld.Patience);
        var abort = await world.TakeCommandAsync(id, TerminalCommandType.Abort);
        var instance = await world.WaitForOrchestrationAsync(id);
        var view = await world.ViewAsync(id);
        var denied = Deadline(view);

        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Equal("terminal-timeout", (string?)callback.Body["code"]);
        Assert.Equal(charge.Amount, abort.Amount);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        // The durable timer fires after the deadline (plus its margin), never before: no "arrived early" reschedule.
        Assert.DoesNotContain(view["history"]!, h => ((string)h["note"]!).Contains("arrived early", StringComparison.Ordinal));
        Assert.True(denied >= charge.CreatedAt.AddSeconds(TestSettings.TerminalTimeoutSeconds), $"denied at {denied}, charge at {charge.CreatedAt}");
    }

    [Fact]
    public async Task Charge_ApprovedAfterTheDeadline_IsVoidedAndTheDenialStands()
    {
        var id = await world.StartChargeAsync(10.03m);
        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        await world.Callbacks.WaitForAsync(id, FunctionsWorld.Patience);
        await world.WaitForOrchestrationAsync(id);

        var late = await world.PostResultAsync(charge, "approved");
        var voided = await world.TakeCommandAsync(id, TerminalCommandType.Void);
        var view = await world.ViewAsync(id);

        Assert.Equal(200, late.Status);
        Assert.Equal("denied", (string?)view["status"]);
        Assert.Equal(charge.Amount, voided.Amount);
        Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("Late approval", StringComparison.Ordinal));
        Assert.Equal(["denied"], world.Callbacks.For(id).Select(c => (string?)c.Body["status"]));
    }

    [Fact]
    public async Task Callback_RefusedUntilDelayToCancel_IsAbandonedWithAnAlertAndNeverPostedAfterIt()
    {
        // A Test Suite async card: approved by its deadline, no terminal. delayToCancel is at least 600 s, so the
        // connector's clock is set back while the payment is created: delayToCancel is about 15 s from now (real time),
        // and the last attempt may start one request timeout (10 s) before it.
        var id = Payments.NewId();
        world.Callbacks.FailNext(int.MaxValue);
        world.Clock.Advance(TimeSpan.FromSeconds(-585));
        FunctionReply created;
        try
        {
            created = await world.CreateAsync(
                Payments.Create(id, 10m, world.Callbacks.CallbackUrlFor("TX", id), cardNumber: "4222222222222224"),
                ("X-VTEX-API-Is-TestSuite", "true"));
        }
        finally
        {
            world.Clock.Advance(TimeSpan.FromSeconds(585));
        }

        try
        {
            var view = await world.WaitForPaymentAsync(id, v => (string?)v["callback"] == "abandoned");
            // This payment's own refusals: another payment's callback retries in the shared receiver may still be failing.
            var refusedWhenAbandoned = world.Callbacks.RefusedFor(id);
            var instance = await world.WaitForOrchestrationAsync(id);
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            var calls = world.NotifyCallsFor(id);

            Assert.Equal(200, created.Status);
            Assert.Equal("approved", (string?)view["status"]);
            Assert.Contains(view["history"]!, h => ((string)h["note"]!).StartsWith("OPERATOR ALERT: callback abandoned", StringComparison.Ordinal));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
            // True attempt numbers 1..n across turns (10 attempts per turn), each one POST before delayToCancel.
            Assert.True(calls.Count > 2, $"only {calls.Count} attempts");
            Assert.Equal(Enumerable.Range(1, calls.Count), calls.Select(c => c.Attempt));
            Assert.All(calls, c => Assert.True(c.StartedAt < c.GiveUpAt, $"attempt {c.Attempt} started at {c.StartedAt}, after {c.GiveUpAt}"));
            // The last one is scheduled as late as the policy allows: one request timeout (10 s) before delayToCancel.
            var last = calls[^1];
            Assert.InRange(last.StartedAt, last.GiveUpAt - TimeSpan.FromSeconds(10), last.GiveUpAt - TimeSpan.FromSeconds(8));
            Assert.Equal(calls.Count, refusedWhenAbandoned);
            Assert.Equal(refusedWhenAbandoned, world.Callbacks.RefusedFor(id));
            Assert.Empty(world.Callbacks.For(id));
        }
        finally
        {
            world.Callbacks.FailNext(0);
        }
    }

    [Fact]
    public async Task Deadline_ActivityKeepsFailing_OrchestratorWaitsAndTriesAgainUntilThePaymentIsDenied()
    {
        var id = await world.StartChargeAsync(10.02m);
        await world.TakeCommandAsync(id, TerminalCommandType.Charge);
        var callsBefore = world.ApplyDeadlineCalls;
        world.FailApplyDeadline(3);

        var callback = await world.Callbacks.WaitForAsync(id, FunctionsWorld.Patience);
        var instance = await world.WaitForOrchestrationAsync(id);

        Assert.Equal("denied", (string?)callback.Body["status"]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(world.ApplyDeadlineCalls - callsBefore >= 4, $"{world.ApplyDeadlineCalls - callsBefore} ApplyDeadline runs");
    }

    private static DateTimeOffset Deadline(JObject view) =>
        view["history"]!.Where(h => (string?)h["to"] == "denied").Select(h => (DateTimeOffset)h["at"]!).First();
}
