using PosConnector.Core.Options;

namespace PosConnector.Core.Orchestration;

/// <summary>Core's callback backoff (<see cref="CallbackOptions"/>), carried to the orchestrator as data.</summary>
public sealed record CallbackRetry(TimeSpan FirstRetryDelay, double BackoffCoefficient, TimeSpan MaxRetryDelay)
{
    public static CallbackRetry From(CallbackOptions o) => new(o.FirstRetryDelay, o.BackoffCoefficient, o.MaxRetryDelay);
}
