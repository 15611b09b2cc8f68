using Newtonsoft.Json.Linq;

namespace PosConnector.TestSupport;

/// <summary>Builds Create Payment bodies shaped like the Gateway's for a POS sale.</summary>
public static class Payments
{
    public static string NewId() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    public static JObject Create(string paymentId, decimal value, string callbackUrl, string method = "Venda Direta Credito", string? cardNumber = null) => new()
    {
        ["reference"] = "618272",
        ["orderId"] = "v967373115140abc",
        ["shopperInteraction"] = "instore",
        ["transactionId"] = "D3AA1FC8372E430E8236649DB5EBD08E",
        ["paymentId"] = paymentId,
        ["paymentMethod"] = method,
        ["paymentMethodCustomCode"] = null,
        ["merchantName"] = "teststore",
        ["value"] = value,
        ["referenceValue"] = value,
        ["currency"] = "BRL",
        ["installments"] = 1,
        ["deviceFingerprint"] = "12ade389087fe",
        ["card"] = new JObject { ["holder"] = null, ["number"] = cardNumber, ["csc"] = null, ["expiration"] = new JObject { ["month"] = null, ["year"] = null } },
        ["miniCart"] = new JObject { ["items"] = new JArray() },
        ["url"] = "https://admin.example.com/orders/v967373115140abc",
        ["callbackUrl"] = callbackUrl,
        ["returnUrl"] = "https://example.com/checkout/order/v967373115140abc",
        ["sandBoxMode"] = false,
    };

    /// <summary>A Cancel, Settle or Refund body as the Gateway sends it.</summary>
    public static JObject Operation(string paymentId, string requestId, decimal? value) => new()
    {
        ["paymentId"] = paymentId, ["requestId"] = requestId, ["transactionId"] = "TX", ["authorizationId"] = "A", ["value"] = value,
    };
}
