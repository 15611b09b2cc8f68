using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Vtex;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// The whole policy of the Durable orchestration, as a pure function of stored state, so the orchestrator is a loop
/// of "carry the step out → take the next" and holds no payment rules itself. Whoever wakes the instance computes
/// the step from the state it has just read or written, so a late or repeated event carries a step that was true then.
/// </summary>
public static class PaymentOrchestration
{
    /// <summary>Event the terminal-result, cancel and callback paths raise on the instance (id = paymentId).</summary>
    public const string PaymentChangedEvent = "PaymentChanged";

    /// <summary>Upper bound on loop turns before ContinueAsNew keeps the history small.</summary>
    public const int TurnsPerGeneration = 20;

    /// <summary>Callback attempts in one turn; a longer chain goes on in the next turn (bounded history).</summary>
    public const int CallbackAttemptsPerTurn = 10;

    /// <summary>
    /// The deadline timer fires this long after the deadline: a timer firing a moment early (clock skew between
    /// workers and storage) would only make the decider reschedule, costing a wakeup round trip.
    /// </summary>
    public static readonly TimeSpan DeadlineTimerMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the orchestrator waits, on a durable timer, after its <paramref name="failures"/>-th activity failure
    /// in a row before reading the table again: 2 s doubling to 1 min. It never gives up, so a payment is never stranded.
    /// </summary>
    public static TimeSpan RetryAfterFailure(int failures) =>
        CallbackBackoff.DelayAfter(failures, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromMinutes(1));

    /// <summary>
    /// The step <paramref name="state"/> asks for; a callback still owed starts at <paramref name="callbackAttempt"/> (the
    /// first attempt, or more, already made by the process that recorded the result).
    /// </summary>
    public static OrchestrationStep Next(PaymentState? state, int callbackAttempt = 1) => state switch
    {
        null => new OrchestrationStep.Complete(),
        { Callback: CallbackStatus.Pending } => new OrchestrationStep.DeliverCallback(CallbackMessage.For(state, callbackAttempt)),
        { Phase: PaymentPhase.AwaitingTerminal, Deadline: { } deadline } => new OrchestrationStep.WaitForChangeOrDeadline(deadline),
        { IsFinal: false } => new OrchestrationStep.WaitForChange(),
        _ => new OrchestrationStep.Complete(),
    };
}
