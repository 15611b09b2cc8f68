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

    [Fact]
    public void CallbackBackoff_ShouldRetry_StopsAfterTheGiveUpTime()
    {
        Assert.True(CallbackBackoff.ShouldRetry(Now, Now));
        Assert.False(CallbackBackoff.ShouldRetry(Now.AddTicks(1), Now));
    }
}
