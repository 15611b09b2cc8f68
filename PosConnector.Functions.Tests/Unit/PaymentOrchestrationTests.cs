using PosConnector.Domain.Payments;
using PosConnector.Functions.Orchestration;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The orchestrator's pure next step follows the payment's state.</summary>
public sealed class PaymentOrchestrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PaymentOrchestration_Next_FollowsThePaymentsState()
    {
        var charging = Given(Charging())!;
        var approved = Given(Approved())!;
        var delivered = PaymentDecider.Decide(approved, new PaymentEvent.CallbackDelivered(1), Now).State!;

        Assert.IsType<OrchestrationStep.Complete>(PaymentOrchestration.Next(null));
        Assert.Equal(new OrchestrationStep.WaitForChangeOrDeadline(charging.Deadline!.Value), PaymentOrchestration.Next(charging));
        Assert.IsType<OrchestrationStep.WaitForChange>(PaymentOrchestration.Next(Given(Created())));
        var callback = Assert.IsType<OrchestrationStep.DeliverCallback>(PaymentOrchestration.Next(approved)).Callback;
        Assert.Equal((PaymentId, 1), (callback.PaymentId, callback.Attempt));
        Assert.Equal(approved.CreatedAt.AddSeconds(approved.Terms.DelayToCancel), callback.GiveUpAt);
        Assert.IsType<OrchestrationStep.Complete>(PaymentOrchestration.Next(delivered));
    }
}
