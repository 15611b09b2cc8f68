using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Options;

/// <summary>
/// The sweep: a periodic safety net that wakes every payment past its deadline or still owing a callback, in case a
/// lost message, a poison message or a failed orchestration left it behind. Purge retention is for the Functions host.
/// </summary>
public sealed class SweepOptions
{
    public const string SectionName = "Sweep";

    /// <summary>How often the standalone host sweeps (the Functions host's timer runs every 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long past a deadline or delayToCancel the normal path has before the sweep steps in.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back (last write) final payments are read for an owed callback: at least VTEX's longest delayToCancel.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan CallbackLookback { get; init; } = TimeSpan.FromDays(31);

    /// <summary>Functions host: finished Durable instances (completed, failed, terminated) older than this are purged daily.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan InstanceRetention { get; init; } = TimeSpan.FromDays(7);
}
