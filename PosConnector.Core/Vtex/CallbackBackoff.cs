namespace PosConnector.Core.Vtex;

/// <summary>Exponential backoff: first delay × coefficient^(attempt-1), capped.</summary>
public static class CallbackBackoff
{
    public static TimeSpan DelayAfter(int attempt, TimeSpan first, double coefficient, TimeSpan max)
    {
        var factor = Math.Pow(coefficient, Math.Max(0, attempt - 1));
        var ticks = Math.Min(first.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// How many attempts start within <paramref name="window"/> (the first at once, the others after each backoff
    /// delay): the standalone worker's rule, as a count for Durable's RetryPolicy. Bounded at 1000.
    /// </summary>
    public static int AttemptsWithin(TimeSpan window, TimeSpan first, double coefficient, TimeSpan max)
    {
        var attempts = 1;
        var elapsed = TimeSpan.Zero;
        while (attempts < 1000)
        {
            elapsed += DelayAfter(attempts, first, coefficient, max);
            if (elapsed > window)
            {
                break;
            }

            attempts++;
        }

        return attempts;
    }

    /// <summary>Whether to try again after a failed attempt, given when the next one would happen.</summary>
    public static bool ShouldRetry(DateTimeOffset nextAttemptAt, DateTimeOffset giveUpAt) => nextAttemptAt <= giveUpAt;
}
