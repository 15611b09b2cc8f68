using PosConnector.Core.Options;
using PosConnector.Domain.Vtex;

namespace PosConnector.Functions.Orchestration;

/// <summary>Core's callback backoff (<see cref="CallbackOptions"/>), carried to the orchestrator as data.</summary>
public sealed record CallbackRetry(TimeSpan FirstRetryDelay, double BackoffCoefficient, TimeSpan MaxRetryDelay)
{
    public static CallbackRetry From(CallbackOptions o) => new(o.FirstRetryDelay, o.BackoffCoefficient, o.MaxRetryDelay);

    /// <summary>
    /// When to try again after attempt <paramref name="failedAttempt"/> failed at <paramref name="now"/>; null when that
    /// would be after <paramref name="giveUpAt"/> (delayToCancel): the standalone CallbackDelivery's rule, as a time.
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int failedAttempt, DateTimeOffset now, DateTimeOffset giveUpAt)
    {
        var next = now + CallbackBackoff.DelayAfter(failedAttempt, FirstRetryDelay, BackoffCoefficient, MaxRetryDelay);
        return CallbackBackoff.ShouldRetry(next, giveUpAt) ? next : null;
    }
}
