using Newtonsoft.Json.Linq;
using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit;

/// <summary>The bodies VTEX's gateway sends: Create Payment for a POS sale or a Test Suite card, and Cancel/Settle/Refund.</summary>
public static class PaymentRequests
{
    /// <summary>A fresh paymentId: letters and digits, as VTEX's (the kit's own are recognisable by their prefix).</summary>
    public static string NewPaymentId() => "CK" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    public static JObject Create(string paymentId, decimal value, string callbackUrl, string merchantName,
        string method = Manifest.CreditMethod, string? cardNumber = null) => new()
    {
        ["paymentId"] = paymentId,
        ["transactionId"] = "TX" + paymentId,
        ["reference"] = "CK-" + paymentId[^6..],
        ["orderId"] = "ck" + paymentId[^10..].ToLowerInvariant(),
        ["paymentMethod"] = method,
        ["merchantName"] = merchantName,
        ["value"] = value,
        ["referenceValue"] = value,
        ["currency"] = "BRL",
        ["installments"] = 1,
        ["shopperInteraction"] = "instore",
        // For POS every card member arrives null [POS]; the Test Suite puts its card number here.
        ["card"] = new JObject { ["holder"] = null, ["number"] = cardNumber, ["csc"] = null },
        ["callbackUrl"] = callbackUrl,
        ["sandBoxMode"] = false,
    };

    public static JObject Operation(string paymentId, string requestId, decimal? value) => new()
    {
        ["paymentId"] = paymentId, ["requestId"] = requestId, ["transactionId"] = "TX" + paymentId, ["value"] = value,
    };
}
