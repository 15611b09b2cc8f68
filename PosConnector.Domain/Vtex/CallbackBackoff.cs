using System.Globalization;

namespace PosConnector.Domain.Vtex;

/// <summary>
/// When a failed VTEX callback is tried again, and when it stops: exponential backoff (first delay ×
/// coefficient^(attempt-1), capped), never an attempt that could still be running at delayToCancel, and always one
/// last attempt as late as that allows, so a long backoff step never gives up minutes early.
/// </summary>
public static class CallbackBackoff
{
    public static TimeSpan DelayAfter(int attempt, TimeSpan first, double coefficient, TimeSpan max)
    {
        var factor = Math.Pow(coefficient, Math.Max(0, attempt - 1));
        var ticks = Math.Min(first.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether to try again after a failed attempt, given when the next one would happen.</summary>
    public static bool ShouldRetry(DateTimeOffset nextAttemptAt, DateTimeOffset giveUpAt) => nextAttemptAt <= giveUpAt;

    /// <summary>
    /// The latest an attempt may start: one that takes the whole <paramref name="requestTimeout"/> still ends by
    /// <paramref name="giveUpAt"/> (delayToCancel), when VTEX stops waiting for the callback.
    /// </summary>
    public static DateTimeOffset LastAttemptAt(DateTimeOffset giveUpAt, TimeSpan requestTimeout) => giveUpAt - requestTimeout;

    /// <summary>
    /// When to try again after an attempt failed at <paramref name="now"/>: after <paramref name="delay"/> (the backoff),
    /// or at <see cref="LastAttemptAt"/> when the backoff would go past it, so the last attempt is as late as the
    /// policy allows; null once that moment has come (the callback is abandoned).
    /// </summary>
    public static DateTimeOffset? NextAttemptAt(DateTimeOffset now, TimeSpan delay, DateTimeOffset giveUpAt, TimeSpan requestTimeout)
    {
        var last = LastAttemptAt(giveUpAt, requestTimeout);
        var next = now + delay;
        return next <= last ? next : now < last ? last : null;
    }

    /// <summary>
    /// Why the callback is abandoned, true to the clock: "delayToCancel passed" only once it has; before it, how far
    /// away it is and that no further attempt could end in time.
    /// </summary>
    public static string AbandonReason(string lastFailure, DateTimeOffset now, DateTimeOffset giveUpAt) => now >= giveUpAt
        ? string.Create(CultureInfo.InvariantCulture, $"last attempt: {lastFailure}; delayToCancel ({giveUpAt.UtcDateTime:HH:mm:ss} UTC) passed")
        : string.Create(CultureInfo.InvariantCulture,
            $"last attempt: {lastFailure}; delayToCancel ({giveUpAt.UtcDateTime:HH:mm:ss} UTC) is {Math.Ceiling((giveUpAt - now).TotalSeconds)} s away, too soon for another attempt to end before it");
}
