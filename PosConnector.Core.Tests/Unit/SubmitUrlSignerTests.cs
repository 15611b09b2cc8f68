using PosConnector.Core.Options;
using PosConnector.Core.Security;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The submitUrl token binds one payment to the secret.</summary>
public sealed class SubmitUrlSignerTests
{
    [Fact]
    public void SubmitUrlSigner_Token_IsBoundToThePaymentAndTheSecret()
    {
        var signer = Signer("first-secret-0123456789-0123456789");
        var other = Signer("other-secret-0123456789-0123456789");
        var token = signer.TokenFor("PAY-1");

        Assert.True(signer.IsValid("PAY-1", token));
        Assert.False(signer.IsValid("PAY-2", token));
        Assert.False(other.IsValid("PAY-1", token));
        Assert.False(signer.IsValid("PAY-1", null));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal($"https://pos.example/api/pos/payments/PAY-1/serial?token={token}", signer.SubmitUrlFor("PAY-1"));
    }

    private static SubmitUrlSigner Signer(string secret) =>
        new(Microsoft.Extensions.Options.Options.Create(new ConnectorOptions { PublicBaseUrl = "https://pos.example/", SubmitTokenSecret = secret }));
}
