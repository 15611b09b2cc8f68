namespace PosConnector.Functions.Orchestration;

/// <summary>
/// When the safety nets run. One timer carries both: each timer trigger holds a singleton listener lock that the host
/// renews all day (about 7 blob writes a minute each, measured on an idle host), so the daily purge rides on the sweep.
/// </summary>
public static class MaintenanceSchedule
{
    /// <summary>The sweep, every 5 minutes.</summary>
    public const string Sweep = "0 */5 * * * *";

    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);

    /// <summary>The purge of finished Durable instances runs once a day, with the first sweep at or after 03:30 UTC.</summary>
    public static readonly TimeSpan PurgeTimeOfDay = new(3, 30, 0);

    /// <summary>
    /// True when a purge time lies after the previous sweep (<paramref name="previousRun"/>, the timer's last scheduled
    /// occurrence; unknown means one interval ago) and at or before <paramref name="now"/>: once a day, and at the first
    /// sweep after a host that was down through 03:30.
    /// </summary>
    public static bool PurgeIsDue(DateTimeOffset? previousRun, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date + PurgeTimeOfDay, TimeSpan.Zero);
        var latest = today <= now ? today : today.AddDays(-1);
        return latest > (previousRun ?? now - SweepInterval);
    }

    /// <summary>The timer's schedule status as a UTC instant (the host sends it without a zone: Functions run on UTC).</summary>
    public static DateTimeOffset? AsUtc(DateTime? time) => time is not { } t ? null
        : new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime());
}
