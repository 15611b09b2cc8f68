using Microsoft.DurableTask;
using PosConnector.Core.Orchestration;
using PosConnector.Core.Vtex;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// Turns Core's backoff into a Durable <see cref="RetryPolicy"/>: as many attempts as start before the payment's
/// delayToCancel (Core's CallbackBackoff.AttemptsWithin, the standalone CallbackWorker's rule). Pure, so replay-safe.
/// </summary>
public static class CallbackRetryPlan
{
    public static int AttemptsWithin(CallbackRetry retry, TimeSpan window) =>
        CallbackBackoff.AttemptsWithin(window, retry.FirstRetryDelay, retry.BackoffCoefficient, retry.MaxRetryDelay);

    /// <summary>Null when only one attempt fits (RetryPolicy rejects a timeout shorter than its first interval).</summary>
    public static TaskOptions? Options(CallbackRetry retry, int attempts, TimeSpan window) =>
        attempts <= 1
            ? null
            : TaskOptions.FromRetryPolicy(new RetryPolicy(
                attempts,
                retry.FirstRetryDelay,
                retry.BackoffCoefficient,
                retry.MaxRetryDelay < retry.FirstRetryDelay ? retry.FirstRetryDelay : retry.MaxRetryDelay,
                retryTimeout: window));
}
