using Newtonsoft.Json.Linq;
using PosConnector.ConformanceKit;

namespace PosConnector.TestSupport;

/// <summary>Builds Create Payment bodies shaped like the Gateway's for a POS sale.</summary>
public static class Payments
{
    public static string NewId() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    /// <summary>The conformance kit's Create body (one statement of what the Gateway sends), with this suite's fixed order fields.</summary>
    public static JObject Create(string paymentId, decimal value, string callbackUrl, string method = "Venda Direta Credito", string? cardNumber = null)
    {
        var body = PaymentRequests.Create(paymentId, value, callbackUrl, TestSettings.MerchantName, method, cardNumber);
        body["reference"] = "618272";
        body["orderId"] = "v967373115140abc";
        body["transactionId"] = "D3AA1FC8372E430E8236649DB5EBD08E";
        body["url"] = "https://admin.example.com/orders/v967373115140abc";
        body["returnUrl"] = "https://example.com/checkout/order/v967373115140abc";
        return body;
    }

    /// <summary>A Cancel, Settle or Refund body as the Gateway sends it.</summary>
    public static JObject Operation(string paymentId, string requestId, decimal? value) => new()
    {
        ["paymentId"] = paymentId, ["requestId"] = requestId, ["transactionId"] = "TX", ["authorizationId"] = "A", ["value"] = value,
    };
}
