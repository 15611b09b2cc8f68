using PosConnector.Core.Options;
using PosConnector.Domain.Vtex;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// Core's callback backoff (<see cref="CallbackOptions"/>), carried to the orchestrator as data. <see cref="RequestTimeout"/>
/// is how long one attempt may take: none starts so late that it could end after delayToCancel.
/// </summary>
public sealed record CallbackRetry(TimeSpan FirstRetryDelay, double BackoffCoefficient, TimeSpan MaxRetryDelay, TimeSpan RequestTimeout = default)
{
    public static CallbackRetry From(CallbackOptions o) => new(o.FirstRetryDelay, o.BackoffCoefficient, o.MaxRetryDelay, o.RequestTimeout);

    /// <summary>
    /// When to try again after attempt <paramref name="failedAttempt"/> failed at <paramref name="now"/>: the domain's
    /// rule (<see cref="CallbackBackoff.NextAttemptAt"/>), as the standalone host applies it: the backoff, shortened to the
    /// last moment an attempt can still end by <paramref name="giveUpAt"/> (delayToCancel); null once that has come.
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int failedAttempt, DateTimeOffset now, DateTimeOffset giveUpAt) =>
        CallbackBackoff.NextAttemptAt(
            now, CallbackBackoff.DelayAfter(failedAttempt, FirstRetryDelay, BackoffCoefficient, MaxRetryDelay), giveUpAt, RequestTimeout);
}
