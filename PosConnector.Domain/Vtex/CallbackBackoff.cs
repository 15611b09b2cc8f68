namespace PosConnector.Domain.Vtex;

/// <summary>Exponential backoff: first delay × coefficient^(attempt-1), capped.</summary>
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
}
