using PosConnector.Core.Json;
using PosConnector.Core.Payments;
using PosConnector.Core.Vtex;

namespace PosConnector.Core.Orchestration;

/// <summary>
/// The whole policy of the Durable orchestration, as a pure function of stored state, so the orchestrator is
/// a loop of "read state → <see cref="Next"/> → carry the step out" and holds no payment rules itself.
/// Reading state first also makes a lost or early event harmless.
/// </summary>
public static class PaymentOrchestration
{
    /// <summary>Event the terminal-result, cancel and callback paths raise on the instance (id = paymentId).</summary>
    public const string PaymentChangedEvent = "PaymentChanged";

    /// <summary>Upper bound on loop turns before ContinueAsNew keeps the history small.</summary>
    public const int TurnsPerGeneration = 20;

    public static OrchestrationStep Next(PaymentState? state) => state switch
    {
        null => new OrchestrationStep.Complete(),
        { Callback: CallbackStatus.Pending } => new OrchestrationStep.DeliverCallback(CallbackFor(state)),
        { Phase: PaymentPhase.AwaitingTerminal, Deadline: { } deadline } => new OrchestrationStep.WaitForChangeOrDeadline(deadline),
        { IsFinal: false } => new OrchestrationStep.WaitForChange(),
        _ => new OrchestrationStep.Complete(),
    };

    /// <summary>The callback a final state owes VTEX: the same body Create Payment answers now.</summary>
    public static CallbackMessage CallbackFor(PaymentState state) => new(
        state.PaymentId,
        state.Order.CallbackUrl,
        PosConnectorJson.Serialize(PaymentAnswers.CreatePayment(state)),
        state.CreatedAt.AddSeconds(state.Terms.DelayToCancel),
        Attempt: 1);
}
