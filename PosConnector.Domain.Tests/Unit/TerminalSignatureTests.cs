using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>The X-Terminal-Signature header: its documented format and what it verifies.</summary>
public sealed class TerminalSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TerminalSignature_Verify_AcceptsOnlyTheRightSecretBodyAndTime()
    {
        var header = TerminalSignature.Create("secret-0123456789", Now, "{\"a\":1}");

        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":1}", Now.AddSeconds(300)));
        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":1}", Now.AddSeconds(-300)));
        Assert.Equal(SignatureCheck.Expired, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":1}", Now.AddSeconds(301)));
        Assert.Equal(SignatureCheck.Mismatch, TerminalSignature.Verify(header, "other-secret-0123", "{\"a\":1}", Now));
        Assert.Equal(SignatureCheck.Mismatch, TerminalSignature.Verify(header, "secret-0123456789", "{\"a\":2}", Now));
        Assert.Equal(SignatureCheck.Missing, TerminalSignature.Verify(null, "secret-0123456789", "{}", Now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify("t=abc,v1=00", "secret-0123456789", "{}", Now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify("v1=00", "secret-0123456789", "{}", Now));
    }

    [Fact]
    public void TerminalSignature_Create_MatchesTheDocumentedFormat()
    {
        var header = TerminalSignature.Create("k", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), "body");

        // The documented formula, computed here without the production helper.
        Assert.Equal("t=1700000000,v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "k"u8.ToArray(), "1700000000.body"u8.ToArray())), header);
    }

    [Fact]
    public void TerminalSignature_ExtraOrMissingParts_AreHandled()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var header = TerminalSignature.Create("secret-0123456789", now, "{}");

        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(header + ",v2=future", "secret-0123456789", "{}", now));
        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(header.ToUpperInvariant().Replace("T=", "t=", StringComparison.Ordinal).Replace("V1=", "v1=", StringComparison.Ordinal), "secret-0123456789", "{}", now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify("t=1700000000", "secret-0123456789", "{}", now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify("t=-5,v1=00", "secret-0123456789", "{}", now));
    }

    [Fact]
    public void TerminalSignature_Verify_LastRepresentableSecondIsReadNotMalformed()
    {
        var last = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

        Assert.Equal(SignatureCheck.Expired, TerminalSignature.Verify($"t={last},v1=00", "secret-0123456789", "{}", Now));
        Assert.Equal(SignatureCheck.Malformed, TerminalSignature.Verify($"t={last + 1},v1=00", "secret-0123456789", "{}", Now));
    }
}
