using PosConnector.Functions.Orchestration;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The daily purge rides on the 5-minute sweep: exactly one sweep a day purges, even after downtime.</summary>
public sealed class MaintenanceScheduleTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PurgeIsDue_OnlyTheSweepAtOrJustAfter0330_PurgesOnAnOrdinaryDay()
    {
        var due = Enumerable.Range(1, 288)
            .Select(i => Day + TimeSpan.FromMinutes(5 * i))
            .Where(now => MaintenanceSchedule.PurgeIsDue(now - MaintenanceSchedule.SweepInterval, now))
            .ToList();

        Assert.Equal([Day + new TimeSpan(3, 30, 0)], due);
    }

    [Theory]
    [InlineData("2026-12-07T03:29:59Z", "2026-12-07T03:35:00Z", true)]
    [InlineData("2026-12-07T03:30:00Z", "2026-12-07T03:35:00Z", false)]
    [InlineData("2026-12-07T03:25:00Z", "2026-12-07T03:29:59Z", false)]
    [InlineData("2026-12-04T10:00:00Z", "2026-12-07T01:00:00Z", true)]
    [InlineData("2026-12-06T04:00:00Z", "2026-12-07T01:00:00Z", false)]
    public void PurgeIsDue_AfterTheLastRun_PurgesWhenA0330LiesBetween(string previous, string now, bool due) =>
        Assert.Equal(due, MaintenanceSchedule.PurgeIsDue(DateTimeOffset.Parse(previous), DateTimeOffset.Parse(now)));

    [Fact]
    public void PurgeIsDue_WithoutAScheduleStatus_AssumesTheLastSweepWasOneIntervalAgo()
    {
        Assert.True(MaintenanceSchedule.PurgeIsDue(null, Day + new TimeSpan(3, 32, 0)));
        Assert.False(MaintenanceSchedule.PurgeIsDue(null, Day + new TimeSpan(3, 36, 0)));
    }

    [Fact]
    public void AsUtc_ReadsAZonelessTimeAsUtc()
    {
        Assert.Null(MaintenanceSchedule.AsUtc(null));
        Assert.Equal(Day.AddHours(3), MaintenanceSchedule.AsUtc(new DateTime(2026, 12, 7, 3, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal(Day.AddHours(3), MaintenanceSchedule.AsUtc(new DateTime(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc)));
    }
}
