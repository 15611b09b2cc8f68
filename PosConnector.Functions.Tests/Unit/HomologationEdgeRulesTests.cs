using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using PosConnector.Core.Handlers;
using PosConnector.Core.Http;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;
using PosConnector.Functions.Tests.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>The pure edge rules behind CORS, callback hosts, merchant credentials, merchant terminals and store codes.</summary>
public sealed class HomologationEdgeRulesTests
{
    [Theory]
    [InlineData("https://mystore.myvtex.com")]
    [InlineData("https://www.mystore.com.br")]
    [InlineData("https://mystore.vtex.app")]
    [InlineData("https://mystore.vtexcommercebeta.com.br")]
    [InlineData("http://localhost:3000")]
    public void Cors_ByDefault_AnyStoreOriginIsAnswered(string origin) =>
        Assert.True(SubmitUrlCors.IsAllowed(new CorsOptions(), origin));

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://mystore.com.br/")]
    [InlineData("https://mystore.com.br/checkout")]
    [InlineData("ftp://mystore.com.br")]
    [InlineData("https://user@mystore.com.br")]
    public void Cors_NotABrowserOrigin_IsNotAnswered(string? origin) =>
        Assert.False(SubmitUrlCors.IsAllowed(new CorsOptions(), origin));

    [Fact]
    public void Cors_DeniedOrigin_IsRefusedEvenWhenAllowListed()
    {
        var options = new CorsOptions { AllowedOrigins = ["https://*.mystore.com.br"], DeniedOrigins = ["https://old.mystore.com.br"] };

        Assert.True(SubmitUrlCors.IsAllowed(options, "https://www.mystore.com.br"));
        Assert.False(SubmitUrlCors.IsAllowed(options, "https://old.mystore.com.br"));
        Assert.False(SubmitUrlCors.IsAllowed(new CorsOptions { DeniedOrigins = ["https://*.evil.example"] }, "https://a.evil.example"));
        Assert.True(SubmitUrlCors.IsAllowed(new CorsOptions { DeniedOrigins = ["https://*.evil.example"] }, "https://evil.example"));
    }

    [Fact]
    public void Cors_AllowList_OnlyThoseOriginsAndPorts()
    {
        var options = new CorsOptions { AllowedOrigins = ["http://localhost:3000", "https://*.myvtex.com"] };

        Assert.True(SubmitUrlCors.IsAllowed(options, "http://localhost:3000"));
        Assert.True(SubmitUrlCors.IsAllowed(options, "https://mystore.myvtex.com"));
        Assert.False(SubmitUrlCors.IsAllowed(options, "http://localhost:3001"));
        Assert.False(SubmitUrlCors.IsAllowed(options, "https://localhost:3000"));
        Assert.False(SubmitUrlCors.IsAllowed(options, "https://myvtex.com"));
        Assert.False(SubmitUrlCors.IsAllowed(options, "https://mystore.myvtex.com:8443"));
        Assert.False(SubmitUrlCors.IsAllowed(options, "https://mystore.myvtex.com.evil.example"));
    }

    [Theory]
    [InlineData("content-type", "content-type")]
    [InlineData("Content-Type, X-Requested-With", "Content-Type, X-Requested-With")]
    [InlineData(null, "Content-Type")]
    [InlineData("", "Content-Type")]
    [InlineData("content-type, x-evil\r\nSet-Cookie", "Content-Type")]
    [InlineData("content-type,,", "Content-Type")]
    public void Cors_RequestedHeaders_EchoedOnlyWhenTheyAreHeaderNames(string? requested, string answered) =>
        Assert.Equal(answered, SubmitUrlCors.RequestedHeaders(requested));

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

    [Theory]
    [InlineData("https://gatewayqa.vtexpayments.com.br/api/pvt/payment-provider/transactions/T/payments/P/callback?X-VTEX-signature=s", null)]
    [InlineData("https://mystore.vtexpayments.com.br/payment-provider/transactions/T/payments/P/retry", null)]
    [InlineData("http://gatewayqa.vtexpayments.com.br/callback", "https")]
    [InlineData("https://gatewayqa.vtexpayments.com.br:8443/callback", "https")]
    [InlineData("https://attacker.example/callback", "attacker.example")]
    [InlineData("https://vtexpayments.com.br.attacker.example/cb", "is not")]
    [InlineData("http://127.0.0.1:9/callback", "127.0.0.1")]
    public void CallbackUrl_InProduction_OnlyVtexGatewayOverHttps(string url, string? refusalMentions)
    {
        var refusal = Policy(allowLoopback: true, Environments.Production).Check(url);

        if (refusalMentions is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(refusalMentions, refusal, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Development", true, true)]
    [InlineData("Testing", true, true)]
    [InlineData("Testing", false, false)]
    [InlineData("Staging", true, false)]
    public void CallbackUrl_Loopback_OnlyWhenAllowedInDevelopmentOrTesting(string environment, bool setting, bool allowed)
    {
        var policy = Policy(setting, environment);

        Assert.Equal(allowed, policy.Check("http://127.0.0.1:5000/cb") is null);
        Assert.Equal(allowed, policy.Check("http://localhost:5000/cb") is null);
    }

    [Fact]
    public void CallbackUrl_ConfiguredHosts_ReplaceTheDefaults()
    {
        var policy = new CallbackUrlPolicy(Options.Create(new VtexOptions { CallbackHosts = ["callbacks.partner.example"] }), Env(Environments.Production));

        Assert.Null(policy.Check("https://callbacks.partner.example/cb"));
        Assert.NotNull(policy.Check("https://gatewayqa.vtexpayments.com.br/cb"));
    }

    [Fact]
    public void Credentials_NamedMerchantsWithRotation_IdentifyTheMerchant()
    {
        var verifier = new VtexCredentialVerifier(Options.Create(Bind(new Dictionary<string, string?>
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

        var caller = new VtexCredentialVerifier(Options.Create(options)).Authenticate(Headers("k", "t"), false)!;

        Assert.Null(VtexOptions.Validate(options));
        Assert.Null(caller.Merchant);
        Assert.Equal("shop", caller.MerchantFor("shop"));
        Assert.True(caller.Owns("anything"));
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

    [Fact]
    public void Caller_AnonymousTestSuite_OwnsNoTerminalMerchant()
    {
        Assert.Equal("", VtexCaller.AnonymousTestSuite.MerchantFor("teststore"));
        Assert.False(new VtexCaller("storea", false).Owns("storeb"));
        Assert.True(new VtexCaller("storea", false).Owns("StoreA"));
    }

    public static TheoryData<string, string, bool, string?, TerminalVerdict> Terminals() => new()
    {
        { "storea", "", true, null, TerminalVerdict.Accepted },
        { "STOREA", "", true, "S1", TerminalVerdict.Accepted },
        { "storeb", "", true, null, TerminalVerdict.Unknown },
        { "storeb", "", false, null, TerminalVerdict.Unknown },
        { "storea", "", false, null, TerminalVerdict.Disabled },
        { "storea", "S1", true, "s1", TerminalVerdict.Accepted },
        { "storea", "S1", true, "S2", TerminalVerdict.OtherStore },
        { "storea", "S1", true, null, TerminalVerdict.OtherStore },
    };

    [Theory]
    [MemberData(nameof(Terminals))]
    public void Verdict_TerminalOfAnotherMerchantIsUnknown_AndAStoreBoundTerminalServesOnlyItsStore(
        string terminalMerchant, string terminalStore, bool enabled, string? paymentStore, TerminalVerdict expected)
    {
        var terminal = new TerminalRecord("T-1", terminalMerchant, "", "secret-secret-secret", enabled, DateTimeOffset.UnixEpoch, terminalStore);

        Assert.Equal(expected, SubmitSerialHandler.Verdict(terminal, DeciderSpec.Order() with { MerchantName = "storea", StoreCode = paymentStore }));
    }

    [Fact]
    public void Verdict_PaymentWithoutMerchant_MatchesNoTerminal()
    {
        var terminal = new TerminalRecord("T-1", "", "", "secret-secret-secret", true, DateTimeOffset.UnixEpoch);

        Assert.Equal(TerminalVerdict.Unknown, SubmitSerialHandler.Verdict(terminal, DeciderSpec.Order() with { MerchantName = "" }));
        Assert.Equal(TerminalVerdict.Unknown, SubmitSerialHandler.Verdict(null, DeciderSpec.Order()));
    }

    [Fact]
    public void StoreCode_ComesFromTheManifestFieldInMerchantSettings()
    {
        Assert.Equal("S1", CreatePaymentHandler.StoreCode([new("other", "x"), new("store code", " S1 ")]));
        Assert.Null(CreatePaymentHandler.StoreCode([new("Store code", "  ")]));
        Assert.Null(CreatePaymentHandler.StoreCode(null));
        Assert.Contains(Manifest.Default.CustomFields, f => f.Name == CreatePaymentHandler.StoreCodeSetting);
    }

    private static CallbackUrlPolicy Policy(bool allowLoopback, string environment) =>
        new(Options.Create(new VtexOptions { AllowLoopbackCallbacks = allowLoopback }), Env(environment));

    private static HostingEnvironment Env(string name) => new() { EnvironmentName = name };

    private static VtexOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(VtexOptions.SectionName).Get<VtexOptions>()!;

    private static Func<string, string?> Headers(string key, string token) =>
        name => name switch { "X-VTEX-API-AppKey" => key, "X-VTEX-API-AppToken" => token, _ => null };
}
