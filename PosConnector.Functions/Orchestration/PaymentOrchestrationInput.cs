namespace PosConnector.Functions.Orchestration;

/// <summary>
/// A payment orchestration's input (instance id = <paramref name="PaymentId"/>). <paramref name="CallbackAttempt"/>
/// carries the next callback attempt's true number across ContinueAsNew, so a long retry chain keeps counting.
/// </summary>
public sealed record PaymentOrchestrationInput(string PaymentId, int CallbackAttempt = 1);
