using PosConnector.Core.Http;
using PosConnector.Core.Options;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>CORS on the submitUrl: which browser origins are answered and which headers are echoed.</summary>
public sealed class SubmitUrlCorsTests
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
}
