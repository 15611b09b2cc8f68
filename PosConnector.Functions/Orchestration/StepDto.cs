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

    public static StepDto From(OrchestrationStep step, CallbackOptions callbacks) => step switch
    {
        OrchestrationStep.WaitForChangeOrDeadline wait => new(WaitForChangeOrDeadline, Deadline: wait.Deadline),
        OrchestrationStep.WaitForChange => new(WaitForChange),
        OrchestrationStep.DeliverCallback deliver => new(DeliverCallback, Callback: deliver.Callback, Retry: CallbackRetry.From(callbacks)),
        _ => new(Complete),
    };
}
