using PosConnector.Domain.Security;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Credentials compare whole values.</summary>
public sealed class SecretComparerTests
{
    [Fact]
    public void SecretComparer_AreEqual_ComparesWholeValues()
    {
        Assert.True(SecretComparer.AreEqual("secret", "secret"));
        Assert.False(SecretComparer.AreEqual("secre", "secret"));
        Assert.False(SecretComparer.AreEqual("secret2", "secret"));
        Assert.False(SecretComparer.AreEqual(null, ""));
        Assert.True(SecretComparer.AreEqual("", ""));
    }
}
