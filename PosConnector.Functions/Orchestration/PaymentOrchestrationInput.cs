namespace PosConnector.Functions.Orchestration;

/// <summary>
/// A payment orchestration's input (instance id = <paramref name="PaymentId"/>). <paramref name="CallbackAttempt"/>
/// carries the next callback attempt's true number across ContinueAsNew, so a long retry chain keeps counting.
/// <paramref name="Step"/> is the first step, computed by whoever started the instance from the state it had just read;
/// null makes the orchestrator read the table first (an older input, or a step lost to a failed activity).
/// </summary>
public sealed record PaymentOrchestrationInput(string PaymentId, int CallbackAttempt = 1, StepDto? Step = null);
