using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>
/// The submitUrl as the terminal-connector app calls it: from a web view on the store's domain (CORS), with the
/// per-payment token as its only authorization, and with whatever serial the associate scanned [POS], [PAYAPP].
/// </summary>
public static class SubmitUrlChecks
{
    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("submiturl-cors", $"{Sources.Pos} (terminal connector app posts the serial); {Sources.PayApp} (runs in the store's web view)",
            "a browser preflight from a store domain is allowed, and the POST's answer is readable there", CorsAsync),
        new("submiturl-wrong-token", Sources.Pos,
            "a serial posted with another payment's token is refused in the error shape and changes nothing", WrongTokenAsync),
        new("unknown-serial", $"{Sources.Pos} (the app loops on an invalid serial unless the payment ends)",
            "an unknown serial is refused in the error shape and the next Create answers denied", UnknownSerialAsync),
    ];

    private static async Task<(string PaymentId, Newtonsoft.Json.Linq.JObject Body, string SubmitUrl)> NewAsync(CheckContext context)
    {
        var body = context.NewPayment();
        var first = await context.CreateAsync(body);
        Expect.Status(first, 200, "Create Payment");
        var submitUrl = PosFlow.SubmitUrl(first);
        Expect.That(submitUrl is not null, "expected a submitUrl in the first answer's payload", first);
        return ((string)body["paymentId"]!, body, submitUrl!);
    }

    private static async Task CorsAsync(CheckContext context)
    {
        var (_, _, submitUrl) = await NewAsync(context);
        var origin = context.Options.StoreOrigin;
        var preflight = await context.Client.SendAsync(HttpMethod.Options, submitUrl, null,
            [("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type")]);
        Expect.That(preflight.Status is >= 200 and < 300, $"expected the preflight from {origin} to be allowed (2xx), got {preflight.Status}", preflight);
        Expect.That(preflight.Header("Access-Control-Allow-Origin") is { } allowed && (allowed == origin || allowed == "*"),
            $"expected Access-Control-Allow-Origin {origin} on the preflight", preflight);
        Expect.That(preflight.Header("Access-Control-Allow-Methods")?.Contains("POST", StringComparison.OrdinalIgnoreCase) == true,
            "expected Access-Control-Allow-Methods to include POST", preflight);

        // A refusal must reach the page too: the app shows it to the associate.
        var post = await PosFlow.SubmitSerialAsync(context, submitUrl, "CK-NO-SUCH-TERMINAL", origin);
        Expect.That(post.Header("Access-Control-Allow-Origin") is { } readable && (readable == origin || readable == "*"),
            $"expected Access-Control-Allow-Origin {origin} on the POST's answer, so the page can read it", post);
    }

    private static async Task WrongTokenAsync(CheckContext context)
    {
        var (id, body, submitUrl) = await NewAsync(context);
        var (_, _, otherUrl) = await NewAsync(context);
        var tokenAt = submitUrl.IndexOf("token=", StringComparison.OrdinalIgnoreCase);
        var otherAt = otherUrl.IndexOf("token=", StringComparison.OrdinalIgnoreCase);
        Expect.That(tokenAt > 0 && otherAt > 0, "expected the submitUrl to carry a token", (Exchange?)null);
        var forged = submitUrl[..tokenAt] + otherUrl[otherAt..];

        var refused = await PosFlow.SubmitSerialAsync(context, forged, context.Options.TerminalSerial ?? "CK-ANY-TERMINAL");
        Expect.ErrorShape(refused, 401, 403);
        var after = await context.CreateAsync(body);
        Expect.That(PosFlow.Payload(after.Json, PaymentAppData.TerminalConnectorApp) is not null,
            $"expected payment {id} still waiting for its serial after the forged one", after);
    }

    private static async Task UnknownSerialAsync(CheckContext context)
    {
        var (_, body, submitUrl) = await NewAsync(context);
        var refused = await PosFlow.SubmitSerialAsync(context, submitUrl, "CK-UNKNOWN-" + Guid.NewGuid().ToString("N")[..8]);
        Expect.ErrorShape(refused, 400, 404, 409, 422);
        var after = await context.CreateAsync(body);
        Expect.Status(after, 200, "Create after an unknown serial");
        Expect.Equal("denied", (string?)after.Json?["status"], "status after an unknown serial", after);
    }
}
