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
        Assert.Equal(new CallbackRetry(TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2)), deliver.Retry);
        Assert.Equal(new StepDto(StepDto.Complete), done);
    }

    [Fact]
    public void StepDto_AfterTheCallbackIsSettled_Completes()
    {
        var delivered = PaymentDecider.Decide(Given(Approved()), new PaymentEvent.CallbackDelivered(1), Start).State;

        Assert.Equal(StepDto.Complete, StepDto.From(PaymentOrchestration.Next(delivered), Callbacks).Kind);
    }
}
