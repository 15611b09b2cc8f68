using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Domain.Security;

namespace PosConnector.Core.Security;

/// <summary>The submitUrl carries an HMAC of the paymentId, so only VTEX's app (which received it) can post a serial.</summary>
public sealed class SubmitUrlSigner(IOptions<ConnectorOptions> options)
{
    public string TokenFor(string paymentId)
    {
        var mac = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(options.Value.SubmitTokenSecret), Encoding.UTF8.GetBytes("submit-serial:" + paymentId));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public bool IsValid(string paymentId, string? token) => SecretComparer.AreEqual(token, TokenFor(paymentId));

    public string SubmitUrlFor(string paymentId) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/pos/payments/{Uri.EscapeDataString(paymentId)}/serial?token={TokenFor(paymentId)}";
}
