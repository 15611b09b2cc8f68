using Microsoft.Extensions.Configuration;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Options cross-checks that stop a misconfigured host from starting: timeouts, CORS patterns, merchants, secret keys.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData(150, 180, 600, null)]
    [InlineData(180, 180, 600, "TerminalTimeoutSeconds")]
    [InlineData(150, 700, 600, "DelayToCancelSeconds")]
    public void PaymentOptions_Validate_KeepsTheTimeoutsInOrder(int terminal, int waiting, int cancel, string? mention)
    {
        var error = PaymentOptions.Validate(new PaymentOptions { TerminalTimeoutSeconds = terminal, SecondsWaiting = waiting, DelayToCancelSeconds = cancel });

        if (mention is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(mention, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://*.mystore.com.br", null)]
    [InlineData("http://localhost:3000", null)]
    [InlineData("mystore.com.br", "Cors:AllowedOrigins:0")]
    [InlineData("https://mystore.com.br/", "Cors:AllowedOrigins:0")]
    public void CorsOptions_MalformedPattern_IsNamedWithItsSetting(string pattern, string? named)
    {
        var failure = CorsOptions.Validate(new CorsOptions { AllowedOrigins = [pattern] });

        if (named is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains(named, failure, StringComparison.Ordinal);
            Assert.Contains(pattern, failure, StringComparison.Ordinal);
        }

        Assert.Contains("Cors:DeniedOrigins:1", CorsOptions.Validate(new CorsOptions { DeniedOrigins = ["https://ok.example", "nope"] }), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_IncompletePairOrNoMerchant_FailValidation()
    {
        Assert.NotNull(VtexOptions.Validate(new VtexOptions()));
        Assert.Contains("storea", VtexOptions.Validate(Bind(new Dictionary<string, string?>
        {
            ["Vtex:Merchants:storea:Credentials:0:AppKey"] = "k",
        })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false, "SecretEncryptionKey is required")]
    [InlineData("", true, null)]
    [InlineData(KeyA, false, null)]
    [InlineData("c2hvcnQta2V5", false, "exactly 32 bytes")]
    [InlineData("not base64!", true, "exactly 32 bytes")]
    [InlineData("dGVzdC10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM0NTY3OA==", false, "exactly 32 bytes")]
    public void SecretOptions_Check_RequiresA256BitKeyOutsideDevelopment(string key, bool developmentKeyAllowed, string? mention)
    {
        var errors = TerminalSecretOptionsValidator.Check(new TerminalSecretOptions { SecretEncryptionKey = key }, developmentKeyAllowed);

        if (mention is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.Contains(mention, StringComparison.Ordinal));
            Assert.All(errors, e => Assert.DoesNotContain(key.Length > 0 ? key : "\u0000", e, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SecretOptions_Check_ValidatesEveryPreviousKey()
    {
        var errors = TerminalSecretOptionsValidator.Check(
            new TerminalSecretOptions { SecretEncryptionKey = KeyA, PreviousSecretEncryptionKeys = [KeyB, "short"] }, developmentKeyAllowed: false);

        Assert.Equal(["Terminals:PreviousSecretEncryptionKeys:1 must be base64 of exactly 32 bytes (256 bits)."], errors);
    }

    private const string KeyA = "dGVzdC10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM0NTY=";
    private const string KeyB = "YW5vdGhlci10ZXJtaW5hbC1zZWNyZXQta2V5LTAxMjM=";

    private static VtexOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(VtexOptions.SectionName).Get<VtexOptions>()!;
}
