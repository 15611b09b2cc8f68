using Newtonsoft.Json.Linq;
using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit;

/// <summary>The bodies VTEX's gateway sends: Create Payment for a POS sale or a Test Suite card, and Cancel/Settle/Refund.</summary>
public static class PaymentRequests
{
    /// <summary>A fresh paymentId: letters and digits, as VTEX's (the kit's own are recognisable by their prefix).</summary>
    public static string NewPaymentId() => "CK" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    /// <summary>
    /// Create Payment as the Gateway sends it for a POS sale. The connector's own tests send this shape too
    /// (PosConnector.TestSupport's Payments), so the kit and the tests agree on what VTEX sends.
    /// </summary>
    public static JObject Create(string paymentId, decimal value, string callbackUrl, string merchantName,
        string method = Manifest.CreditMethod, string? cardNumber = null) => new()
    {
        ["reference"] = "CK-" + paymentId,
        ["orderId"] = "ck" + paymentId.ToLowerInvariant(),
        ["shopperInteraction"] = "instore",
        ["transactionId"] = paymentId,
        ["paymentId"] = paymentId,
        ["paymentMethod"] = method,
        ["paymentMethodCustomCode"] = null,
        ["merchantName"] = merchantName,
        ["value"] = value,
        ["referenceValue"] = value,
        ["currency"] = "BRL",
        ["installments"] = 1,
        ["deviceFingerprint"] = "conformancekit",
        // For POS every card member arrives null [POS]; the Test Suite puts its card number here.
        ["card"] = new JObject { ["holder"] = null, ["number"] = cardNumber, ["csc"] = null, ["expiration"] = new JObject { ["month"] = null, ["year"] = null } },
        ["miniCart"] = new JObject { ["items"] = new JArray() },
        ["url"] = "https://admin.example.com/orders/" + paymentId,
        ["callbackUrl"] = callbackUrl,
        ["returnUrl"] = "https://example.com/checkout/order/" + paymentId,
        ["sandBoxMode"] = false,
    };

    public static JObject Operation(string paymentId, string requestId, decimal? value) => new()
    {
        ["paymentId"] = paymentId, ["requestId"] = requestId, ["transactionId"] = paymentId, ["value"] = value,
    };
}
