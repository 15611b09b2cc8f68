namespace PosConnector.Core.Storage;

/// <summary>
/// A Storage Queue visibility delay until <c>at</c>. The queue keeps whole seconds and drops the fraction, so the
/// delay is rounded up: a message never becomes visible before its time.
/// </summary>
public static class QueueDelay
{
    private static readonly TimeSpan Max = TimeSpan.FromDays(7);

    public static TimeSpan Until(DateTimeOffset at, DateTimeOffset now)
    {
        var delay = at - now;
        return delay <= TimeSpan.Zero ? TimeSpan.Zero
            : delay >= Max ? Max
            : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
    }
}
