using PosConnector.Core.Options;
using PosConnector.Core.Vtex;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// Core's <see cref="OrchestrationStep"/> flattened for Durable's history (a closed record hierarchy does not
/// round-trip through JSON), plus the callback retry numbers so the orchestrator never reads options itself.
/// </summary>
public sealed record StepDto(string Kind, DateTimeOffset? Deadline = null, CallbackMessage? Callback = null, CallbackRetry? Retry = null)
{
    public const string WaitForChangeOrDeadline = nameof(OrchestrationStep.WaitForChangeOrDeadline);
    public const string WaitForChange = nameof(OrchestrationStep.WaitForChange);
    public const string DeliverCallback = nameof(OrchestrationStep.DeliverCallback);
    public const string Complete = nameof(OrchestrationStep.Complete);

    /// <summary>
    /// The step to take when <paramref name="arrived"/> comes in while <paramref name="current"/> is in hand. A payment's
    /// steps only move forward (wait → wait with a deadline → callback → complete), and wake-ups may arrive out of
    /// order, so one that ranks below the current step is stale and changes nothing. Same rank: the newer word wins (a
    /// stale deadline only makes the timer fire early, and the deadline activity then answers the true step).
    /// </summary>
    public static StepDto Later(StepDto current, StepDto arrived) => Rank(arrived) < Rank(current) ? current : arrived;

    private static int Rank(StepDto step) => step.Kind switch
    {
        WaitForChange => 0,
        WaitForChangeOrDeadline => 1,
        DeliverCallback => 2,
        _ => 3,
    };

    public static StepDto From(OrchestrationStep step, CallbackOptions callbacks) => step switch
    {
        OrchestrationStep.WaitForChangeOrDeadline wait => new(WaitForChangeOrDeadline, Deadline: wait.Deadline),
        OrchestrationStep.WaitForChange => new(WaitForChange),
        OrchestrationStep.DeliverCallback deliver => new(DeliverCallback, Callback: deliver.Callback, Retry: CallbackRetry.From(callbacks)),
        _ => new(Complete),
    };
}
