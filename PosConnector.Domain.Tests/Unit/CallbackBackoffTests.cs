using PosConnector.Domain.Vtex;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The VTEX callback retry delays and when they stop.</summary>
public sealed class CallbackBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 5000)]
    [InlineData(10, 5000)]
    public void CallbackBackoff_DelayAfter_GrowsExponentiallyUpToTheCap(int attempt, int expectedMs)
    {
        var delay = CallbackBackoff.DelayAfter(attempt, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(-600, 5, -595)] // the backoff's time, well before delayToCancel
    [InlineData(-135, 120, -15)] // ends by the last moment: unchanged
    [InlineData(-71, 120, -10)] // the backoff would pass delayToCancel: one last attempt, as late as an attempt can end in time
    [InlineData(-12, 5, -10)]
    [InlineData(-11, 0.5, -10.5)]
    public void CallbackBackoff_NextAttemptAt_IsTheBackoffOrTheLastMomentAnAttemptCanEndBeforeDelayToCancel(
        double failedAt, double delaySeconds, double expectedAt)
    {
        var giveUpAt = Now;

        var next = CallbackBackoff.NextAttemptAt(giveUpAt.AddSeconds(failedAt), TimeSpan.FromSeconds(delaySeconds), giveUpAt, RequestTimeout);

        Assert.Equal(giveUpAt.AddSeconds(expectedAt), next);
    }

    [Theory]
    [InlineData(-10)] // the last attempt, made on time
    [InlineData(-9)]
    [InlineData(0)]
    [InlineData(30)]
    public void CallbackBackoff_NextAttemptAt_AfterTheLastMoment_GivesUp(double failedAt)
    {
        Assert.Null(CallbackBackoff.NextAttemptAt(Now.AddSeconds(failedAt), TimeSpan.FromSeconds(1), Now, RequestTimeout));
    }

    [Fact]
    public void CallbackBackoff_AbandonReason_SaysDelayToCancelPassedOnlyOnceItHas()
    {
        var before = CallbackBackoff.AbandonReason("HTTP 503", Now.AddSeconds(-9.5), Now);
        var at = CallbackBackoff.AbandonReason("HTTP 503", Now, Now);

        Assert.Equal("last attempt: HTTP 503; delayToCancel (10:00:00 UTC) is 10 s away, too soon for another attempt to end before it", before);
        Assert.Equal("last attempt: HTTP 503; delayToCancel (10:00:00 UTC) passed", at);
    }

    [Fact]
    public void CallbackBackoff_ShouldRetry_StopsAfterTheGiveUpTime()
    {
        Assert.True(CallbackBackoff.ShouldRetry(Now, Now));
        Assert.False(CallbackBackoff.ShouldRetry(Now.AddTicks(1), Now));
    }
}
