using PosConnector.Domain.Security;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Host allow-list patterns: exact hosts, and *.domain for subdomains only.</summary>
public sealed class HostPatternTests
{
    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "A.EXAMPLE.COM", true)]
    [InlineData(" *.example.com. ", "a.example.com.", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.example.com", "evilexample.com", false)]
    [InlineData("*.example.com", "a.example.com.evil", false)]
    [InlineData("example.com", "Example.COM", true)]
    [InlineData("example.com", "example.com.", true)]
    [InlineData("example.com", "a.example.com", false)]
    [InlineData("example.com", "myexample.com", false)]
    public void Matches_PatternAndHost_MatchesOnlyTheAllowedHosts(string pattern, string host, bool expected)
    {
        Assert.Equal(expected, HostPattern.Matches(pattern, host));
    }
}
