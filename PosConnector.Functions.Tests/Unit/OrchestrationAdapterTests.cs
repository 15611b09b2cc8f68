using PosConnector.Core.Options;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Functions.Orchestration;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>
/// What the Durable orchestrator adds beyond the decider, tested without Functions packages: the step it is given
/// each turn (flattened for Durable's history) and how many callback attempts fit before delayToCancel.
/// </summary>
public sealed class OrchestrationAdapterTests
{
    private static readonly CallbackOptions Callbacks = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(5), BackoffCoefficient = 2.0, MaxRetryDelay = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public void StepDto_FromEachStep_CarriesWhatTheOrchestratorNeeds()
    {
        var charging = Given(Charging())!;
        var approved = Given(Approved())!;

        var wait = StepDto.From(PaymentOrchestration.Next(charging), Callbacks);
        var idle = StepDto.From(PaymentOrchestration.Next(Given(Created())), Callbacks);
        var deliver = StepDto.From(PaymentOrchestration.Next(approved), Callbacks);
        var done = StepDto.From(PaymentOrchestration.Next(null), Callbacks);

        Assert.Equal(new StepDto(StepDto.WaitForChangeOrDeadline, Deadline: charging.Deadline), wait);
        Assert.Equal(new StepDto(StepDto.WaitForChange), idle);
        Assert.Equal(StepDto.DeliverCallback, deliver.Kind);
        Assert.Equal(CallbackMessage.For(approved, attempt: 1), deliver.Callback);
        Assert.Equal(new CallbackRetry(TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2), Callbacks.RequestTimeout), deliver.Retry);
        Assert.Equal(new StepDto(StepDto.Complete), done);
    }

    [Fact]
    public void StepDto_AfterTheCallbackIsSettled_Completes()
    {
        var delivered = PaymentDecider.Decide(Given(Approved()), new PaymentEvent.CallbackDelivered(1), Start).State;

        Assert.Equal(StepDto.Complete, StepDto.From(PaymentOrchestration.Next(delivered), Callbacks).Kind);
    }

    [Fact]
    public void StepDto_Later_IgnoresAStaleWakeUpAndTakesAnyForwardOne()
    {
        var idle = new StepDto(StepDto.WaitForChange);
        var waiting = new StepDto(StepDto.WaitForChangeOrDeadline, Deadline: Start.AddMinutes(2));
        var moved = new StepDto(StepDto.WaitForChangeOrDeadline, Deadline: Start.AddMinutes(5));
        var deliver = StepDto.From(PaymentOrchestration.Next(Given(Approved())), Callbacks);
        var done = new StepDto(StepDto.Complete);

        Assert.Equal(waiting, StepDto.Later(idle, waiting));
        Assert.Equal(waiting, StepDto.Later(waiting, idle));
        Assert.Equal(moved, StepDto.Later(waiting, moved));
        Assert.Equal(deliver, StepDto.Later(waiting, deliver));
        Assert.Equal(deliver, StepDto.Later(deliver, waiting));
        Assert.Equal(done, StepDto.Later(deliver, done));
        Assert.Equal(done, StepDto.Later(done, idle));
    }

    [Fact]
    public void Next_WithAKnownAttempt_CarriesItIntoTheCallbackStep()
    {
        var approved = Given(Approved())!;

        var step = Assert.IsType<OrchestrationStep.DeliverCallback>(PaymentOrchestration.Next(approved, callbackAttempt: 3));

        Assert.Equal(CallbackMessage.For(approved, attempt: 3), step.Callback);
    }

    [Theory]
    [InlineData("pay-1", "pay-1", 1)]
    [InlineData("{\"paymentId\":\"pay-1\",\"giveUpAt\":\"2026-11-24T10:00:00Z\",\"attempt\":2}", "pay-1", 2)]
    public void PaymentWakeups_Parse_ReadsAnIdOrTheNextCallbackAttempt(string message, string paymentId, int attempt) =>
        Assert.Equal(new PaymentWakeups.Wakeup(paymentId, attempt), PaymentWakeups.Parse(message));

    [Theory]
    [InlineData("")]
    [InlineData("not an id!")]
    [InlineData("{\"paymentId\":\"pay-1\",\"attempt\":0}")]
    [InlineData("{\"paymentId\":\"bad id!\",\"attempt\":2}")]
    [InlineData("{not json")]
    public void PaymentWakeups_Parse_RefusesAnythingElse(string message) => Assert.Null(PaymentWakeups.Parse(message));

    [Fact]
    public void SecondAttemptText_IsAWakeUpForTheSecondAttempt()
    {
        var approved = Given(Approved())!;

        var text = CallbackFallback.SecondAttempt(new PosConnector.Core.Storage.StoredPayment(approved, Azure.ETag.All, Version: 1));

        Assert.Equal(new PaymentWakeups.Wakeup(approved.PaymentId, 2), PaymentWakeups.Parse(text));
    }
}
