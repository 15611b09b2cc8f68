using PosConnector.Core.Options;
using PosConnector.Core.Security;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Terminal secrets at rest: sealed per serial, fresh nonces, key rotation.</summary>
public sealed class TerminalSecretProtectorTests
{
    private const string KeyA = "dGVzdC10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM0NTY=";
    private const string KeyB = "YW5vdGhlci10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM=";

    private static TerminalSecretProtector Protector(string key, params string[] previous) =>
        new(Microsoft.Extensions.Options.Options.Create(new TerminalSecretOptions { SecretEncryptionKey = key, PreviousSecretEncryptionKeys = previous }));

    [Fact]
    public void Protector_RoundTrip_HidesTheSecretAndUsesAFreshNonce()
    {
        var protector = Protector(KeyA);
        const string secret = "secret-of-T-1-0123456789";

        var first = protector.Protect("T-1", secret);
        var second = protector.Protect("T-1", secret);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("secret-of", first, StringComparison.Ordinal);
        Assert.Matches("^v1\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]+$", first);
        Assert.Equal((secret, false), protector.Unprotect("T-1", first));
        Assert.Equal((secret, false), protector.Unprotect("T-1", second));
    }

    [Fact]
    public void Protector_CiphertextMovedToAnotherSerialOrTampered_DoesNotOpen()
    {
        var protector = Protector(KeyA);
        var stored = protector.Protect("T-1", "secret-of-T-1-0123456789");
        var flipped = stored[..^2] + (stored[^2] == 'A' ? 'B' : 'A') + stored[^1];

        Assert.Null(protector.Unprotect("T-2", stored));
        Assert.Null(protector.Unprotect("T-1", flipped));
        Assert.Null(protector.Unprotect("T-1", "secret-of-T-1-0123456789"));
        Assert.Null(protector.Unprotect("T-1", "v1.0000000000000000.AAAA"));
        Assert.Null(protector.Unprotect("T-1", stored.Split('.')[0] + "." + stored.Split('.')[1] + ".%%%"));
        Assert.Null(protector.Unprotect("T-1", stored.Split('.')[0] + "." + stored.Split('.')[1] + ".AAAA"));
    }

    [Fact]
    public void Protector_Rotation_OldKeyOpensAsStaleAndAnUnknownKeyDoesNot()
    {
        var stored = Protector(KeyA).Protect("T-1", "secret-of-T-1-0123456789");

        Assert.Equal(("secret-of-T-1-0123456789", true), Protector(KeyB, KeyA).Unprotect("T-1", stored));
        Assert.Null(Protector(KeyB).Unprotect("T-1", stored));
        Assert.NotEqual(stored.Split('.')[1], Protector(KeyB).Protect("T-1", "x").Split('.')[1]);
    }

    [Fact]
    public void Protector_WithoutAKey_UsesTheDevelopmentKeyConsistently()
    {
        var stored = Protector("").Protect("T-1", "secret-of-T-1-0123456789");

        Assert.Equal(("secret-of-T-1-0123456789", false), Protector("").Unprotect("T-1", stored));
        Assert.Null(Protector(KeyA).Unprotect("T-1", stored));
    }
}
