using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit;

/// <summary>The POS steps as VTEX drives them [POS]: Create, the terminal-connector app posts the serial, Create again, the wait app polls.</summary>
public static class PosFlow
{
    /// <summary>The app's payload, which VTEX wants as a string of JSON [POS], [PAYAPP]; null when it is missing or not that.</summary>
    public static JObject? Payload(JObject? answer, string appName)
    {
        if (answer?["paymentAppData"] is not JObject app || (string?)app["appName"] != appName || app["payload"] is not { Type: JTokenType.String } payload)
        {
            return null;
        }

        return JsonText.TryParseObject((string?)payload);
    }

    /// <summary>The submitUrl of a first answer, read leniently (an object payload too), so checks after create-first still run.</summary>
    public static string? SubmitUrl(Answer first)
    {
        var payload = first.Json?["paymentAppData"]?["payload"];
        var json = payload is { Type: JTokenType.String } ? JsonText.TryParseObject((string?)payload) : payload as JObject;
        return (string?)json?["submitUrl"];
    }

    public static Task<Answer> SubmitSerialAsync(CheckContext context, string submitUrl, string serial, string? origin = null) =>
        context.Client.SendAsync(HttpMethod.Post, submitUrl, new JObject { ["serialNumber"] = serial }.ToString(Formatting.None),
            origin is null ? [] : [("Origin", origin)]);

    /// <summary>Create → serial → Create: the charge is on the terminal and the wait app is showing.</summary>
    public static async Task<PosCharge> StartChargeAsync(CheckContext context, string serial)
    {
        var body = context.NewPayment();
        var id = (string)body["paymentId"]!;
        var first = await context.CreateAsync(body);
        Expect.Status(first, 200, "Create Payment");
        var submitUrl = SubmitUrl(first);
        Expect.That(submitUrl is not null, "expected a submitUrl in the first answer's payload", first);

        // One live charge per terminal: a previous check's charge may hold it for a little while longer.
        Answer? submitted = null;
        await context.WaitForAsync($"terminal {serial} to be free", TimeSpan.FromSeconds(60), async () =>
        {
            submitted = await SubmitSerialAsync(context, submitUrl!, serial);
            return submitted.Status == 409 && (string?)submitted.Json?["code"] == "terminal-busy" ? null : submitted;
        }, TimeSpan.FromSeconds(1));
        Expect.Status(submitted!, 200, $"the submitUrl accepts registered terminal {serial}");

        var wait = await context.CreateAsync(body);
        Expect.Status(wait, 200, "Create Payment after the serial");
        var payload = PosFlow.Payload(wait.Json, PaymentAppData.WaitForConfirmationApp);
        Expect.That(payload is not null, $"expected paymentAppData {PaymentAppData.WaitForConfirmationApp} with a string payload after the serial", wait);
        var seconds = payload!["secondsWaiting"] is { Type: JTokenType.Integer } s ? (int)s : 0;
        return new PosCharge(id, body, wait, seconds);
    }

    /// <summary>Polls Create as the wait app does, until the payment is final or the wait is over.</summary>
    public static async Task<Answer> WaitForFinalAsync(CheckContext context, PosCharge charge, string what)
    {
        var limit = TimeSpan.FromSeconds(Math.Max(charge.SecondsWaiting, 1)) + context.Options.WaitMargin;
        Answer last = charge.WaitAnswer;
        var final = await context.WaitForAsync(what, limit, async () =>
        {
            last = await context.CreateAsync(charge.Body);
            return (string?)last.Json?["status"] is "approved" or "denied" ? last : null;
        }, TimeSpan.FromSeconds(1));
        return final ?? throw new CheckFailedException($"the payment was still not final after {limit.TotalSeconds:0} s (secondsWaiting + margin)", last.Exchange);
    }
}
