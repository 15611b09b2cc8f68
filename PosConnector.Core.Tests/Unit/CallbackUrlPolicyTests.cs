using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PosConnector.Core.Options;
using PosConnector.Core.Vtex;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Which callback URLs the connector will post to, by environment and setting.</summary>
public sealed class CallbackUrlPolicyTests
{
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
        var policy = new CallbackUrlPolicy(Microsoft.Extensions.Options.Options.Create(new VtexOptions { CallbackHosts = ["callbacks.partner.example"] }), Env(Environments.Production));

        Assert.Null(policy.Check("https://callbacks.partner.example/cb"));
        Assert.NotNull(policy.Check("https://gatewayqa.vtexpayments.com.br/cb"));
    }

    private static CallbackUrlPolicy Policy(bool allowLoopback, string environment) =>
        new(Microsoft.Extensions.Options.Options.Create(new VtexOptions { AllowLoopbackCallbacks = allowLoopback }), Env(environment));

    private static HostingEnvironment Env(string name) => new() { EnvironmentName = name };
}
