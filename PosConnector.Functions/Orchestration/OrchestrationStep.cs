using PosConnector.Core.Vtex;

namespace PosConnector.Functions.Orchestration;

/// <summary>What a per-payment orchestration does next. Closed: only the nested records derive from it.</summary>
public abstract record OrchestrationStep
{
    private OrchestrationStep()
    {
    }

    /// <summary>Wait for the PaymentChanged event, or the timer at <paramref name="Deadline"/> (then apply DeadlineReached).</summary>
    public sealed record WaitForChangeOrDeadline(DateTimeOffset Deadline) : OrchestrationStep;

    /// <summary>Wait for the PaymentChanged event only (the payment is not awaiting a terminal yet).</summary>
    public sealed record WaitForChange : OrchestrationStep;

    /// <summary>Deliver the callback, retrying until <see cref="CallbackMessage.GiveUpAt"/>.</summary>
    public sealed record DeliverCallback(CallbackMessage Callback) : OrchestrationStep;

    /// <summary>Nothing left to wait for or deliver.</summary>
    public sealed record Complete : OrchestrationStep;
}
