using Newtonsoft.Json.Linq;
using PosConnector.CallbackInspector;

namespace PosConnector.ConformanceKit;

/// <summary>
/// What VTEX requires of a callback [OAS], [HC], [SIG], [POS]: posted to the callbackUrl exactly as given (its
/// X-VTEX-signature kept), with the partner's AppKey and AppToken headers, the final status, and for an approved POS sale
/// the card brand with the first 6 and last 4 digits.
/// </summary>
public static class CallbackExpectations
{
    public static async Task<JObject> ExpectCallbackAsync(CheckContext context, string paymentId, string status, TimeSpan patience, bool withCard)
    {
        var receiver = context.RequireCallbacks();
        var callback = await context.WaitForAsync($"the callback of {paymentId}", patience,
            () => Task.FromResult(receiver.For(paymentId) is [var first, ..] ? first : null));
        var exchange = callback is null ? null : AsExchange(callback);
        Expect.That(callback is not null, $"expected a callback for {paymentId} within {patience.TotalSeconds:0} s", exchange);
        Expect.That(callback!.Query.Contains("X-VTEX-signature=" + CallbackListener.Signature(paymentId), StringComparison.Ordinal),
            "expected the callback posted to the callbackUrl exactly as given, X-VTEX-signature query included", exchange);
        Expect.That(!string.IsNullOrEmpty(callback.AppKey) && callback.HasAppToken,
            "expected X-VTEX-API-AppKey and X-VTEX-API-AppToken headers on the callback (the partner's key)", exchange);

        var body = JsonText.TryParseObject(callback.Body);
        Expect.That(body is not null, "expected the callback body to be a JSON object", exchange);
        Expect.That((string?)body!["paymentId"] == paymentId, "expected the callback's paymentId to be the payment's", exchange);
        Expect.That((string?)body["status"] == status, $"expected callback status \"{status}\", got \"{body["status"]}\"", exchange);
        if (withCard)
        {
            Expect.That(!string.IsNullOrEmpty((string?)body["cardBrand"]) && ((string?)body["firstDigits"])?.Length == 6 && ((string?)body["lastDigits"])?.Length == 4,
                "expected cardBrand, firstDigits (6) and lastDigits (4) in the POS callback", exchange);
        }

        return body;
    }

    private static Exchange AsExchange(ReceivedCallback callback) =>
        new("POST (callback from the deployment)", callback.Path + callback.Query, Exchange.Cut(callback.Body), callback.AnsweredStatus, "", TimeSpan.Zero);
}
