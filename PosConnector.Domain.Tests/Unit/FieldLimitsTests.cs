using PosConnector.Domain.Ppp;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The length limits of stored texts.</summary>
public sealed class FieldLimitsTests
{
    [Fact]
    public void FieldLimits_TooLong_RefusesOnlyAboveTheLimit()
    {
        Assert.Null(FieldLimits.TooLong("f", null, 3));
        Assert.Null(FieldLimits.TooLong("f", "abc", 3));
        Assert.Equal("f is longer than 3 characters.", FieldLimits.TooLong("f", "abcd", 3));
    }
}
