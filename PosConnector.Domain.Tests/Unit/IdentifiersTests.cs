using PosConnector.Domain.Ppp;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Which serial numbers and request ids are accepted.</summary>
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("T-1", true)]
    [InlineData("SN.0001_a", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("slash/no", false)]
    public void Identifiers_IsSerialNumber_AcceptsTableSafeSerials(string serial, bool expected) =>
        Assert.Equal(expected, Identifiers.IsSerialNumber(serial));

    [Fact]
    public void Identifiers_IsRequestId_RefusesControlCharactersAndLongValues()
    {
        Assert.True(Identifiers.IsRequestId("2019-02-04T22:53:42-40000"));
        Assert.False(Identifiers.IsRequestId("a\nb"));
        Assert.False(Identifiers.IsRequestId(new string('r', 129)));
        Assert.True(Identifiers.IsRequestId(new string('r', 128)));
        Assert.False(Identifiers.IsRequestId(null));
    }
}
