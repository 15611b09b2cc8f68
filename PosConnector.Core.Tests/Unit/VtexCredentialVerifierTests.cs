using Microsoft.Extensions.Configuration;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>VTEX credentials: either header family, merchants with rotated pairs, the test suite, and who the caller is.</summary>
public sealed class VtexCredentialVerifierTests
{
    [Theory]
    [InlineData("X-VTEX-API-AppKey", "X-VTEX-API-AppToken")]
    [InlineData("X-PROVIDER-API-AppKey", "X-PROVIDER-API-AppToken")]
    public void VtexCredentialVerifier_EitherHeaderFamily_MatchesAnyConfiguredPair(string keyHeader, string tokenHeader)
    {
        var verifier = Verifier(allowEmptyTestSuite: false);

        Assert.True(verifier.IsAuthorized(Headers((keyHeader, "k2"), (tokenHeader, "t2")), isTestSuite: false));
        Assert.False(verifier.IsAuthorized(Headers((keyHeader, "k1"), (tokenHeader, "t2")), isTestSuite: false));
        Assert.False(verifier.IsAuthorized(Headers((keyHeader, "k2")), isTestSuite: false));
        Assert.False(verifier.IsAuthorized(Headers((tokenHeader, "t2")), isTestSuite: false));
    }

    [Fact]
    public void VtexCredentialVerifier_EmptyCredentials_OnlyForTheTestSuiteWhenAllowed()
    {
        var empty = Headers(("X-VTEX-API-AppKey", ""), ("X-VTEX-API-AppToken", ""));

        Assert.True(Verifier(allowEmptyTestSuite: true).IsAuthorized(empty, isTestSuite: true));
        Assert.False(Verifier(allowEmptyTestSuite: true).IsAuthorized(empty, isTestSuite: false));
        Assert.False(Verifier(allowEmptyTestSuite: false).IsAuthorized(empty, isTestSuite: true));
        Assert.False(Verifier(allowEmptyTestSuite: true).IsAuthorized(Headers(("X-VTEX-API-AppKey", "k1")), isTestSuite: true));
    }

    [Fact]
    public void Credentials_NamedMerchantsWithRotation_IdentifyTheMerchant()
    {
        var verifier = new VtexCredentialVerifier(Microsoft.Extensions.Options.Options.Create(Bind(new Dictionary<string, string?>
        {
            ["Vtex:Merchants:storea:Credentials:0:AppKey"] = "ka1",
            ["Vtex:Merchants:storea:Credentials:0:AppToken"] = "ta1",
            ["Vtex:Merchants:storea:Credentials:1:AppKey"] = "ka2",
            ["Vtex:Merchants:storea:Credentials:1:AppToken"] = "ta2",
            ["Vtex:Merchants:storeb:Credentials:0:AppKey"] = "kb1",
            ["Vtex:Merchants:storeb:Credentials:0:AppToken"] = "tb1",
        })));

        Assert.Equal("storea", verifier.Authenticate(Headers("ka1", "ta1"), false)!.Merchant);
        Assert.Equal("storea", verifier.Authenticate(Headers("ka2", "ta2"), false)!.Merchant);
        Assert.Equal("storeb", verifier.Authenticate(Headers("kb1", "tb1"), false)!.Merchant);
        Assert.Null(verifier.Authenticate(Headers("ka1", "tb1"), false));
        Assert.Null(verifier.Authenticate(Headers("ka1", "ta2"), false));
    }

    [Fact]
    public void Credentials_OlderListShape_StillBindsAndTheRequestNamesTheMerchant()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Vtex:Merchants:0:AppKey"] = "k", ["Vtex:Merchants:0:AppToken"] = "t",
        });

        var caller = new VtexCredentialVerifier(Microsoft.Extensions.Options.Options.Create(options)).Authenticate(Headers("k", "t"), false)!;

        Assert.Null(VtexOptions.Validate(options));
        Assert.Null(caller.Merchant);
        Assert.Equal("shop", caller.MerchantFor("shop"));
        Assert.True(caller.Owns("anything"));
    }

    [Fact]
    public void Caller_AnonymousTestSuite_OwnsNoTerminalMerchant()
    {
        Assert.Equal("", VtexCaller.AnonymousTestSuite.MerchantFor("teststore"));
        Assert.False(new VtexCaller("storea", false).Owns("storeb"));
        Assert.True(new VtexCaller("storea", false).Owns("StoreA"));
    }

    private static VtexCredentialVerifier Verifier(bool allowEmptyTestSuite) => new(Microsoft.Extensions.Options.Options.Create(new VtexOptions
    {
        Merchants = new() { ["0"] = new() { AppKey = "k1", AppToken = "t1" }, ["1"] = new() { AppKey = "k2", AppToken = "t2" } },
        CallbackAppKey = "p", CallbackAppToken = "p",
        AllowEmptyTestSuiteCredentials = allowEmptyTestSuite,
    }));

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static VtexOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(VtexOptions.SectionName).Get<VtexOptions>()!;

    private static Func<string, string?> Headers(string key, string token) =>
        name => name switch { "X-VTEX-API-AppKey" => key, "X-VTEX-API-AppToken" => token, _ => null };
}
