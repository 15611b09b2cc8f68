using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>
/// The card flows VTEX's Payment Provider Test Suite runs (header X-VTEX-API-Is-TestSuite: true), with its async
/// callbacks inside the Test Suite's window [HOMOL], [HC]. The cards are VTEX's.
/// </summary>
public static class TestSuiteChecks
{
    public const string ApprovedCard = "4444333322221111";
    public const string DeniedCard = "4444333322221112";
    public const string AsyncApprovedCard = "4222222222222224";
    public const string AsyncDeniedCard = "4222222222222225";

    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("testsuite-approved", $"{Sources.Homol}; {Sources.HelpCenter}", $"card {ApprovedCard} answers approved with authorizationId and tid",
            c => SyncAsync(c, ApprovedCard, "approved")),
        new("testsuite-denied", $"{Sources.Homol}; {Sources.HelpCenter}", $"card {DeniedCard} answers denied",
            c => SyncAsync(c, DeniedCard, "denied")),
        new("testsuite-async-approved", $"{Sources.Homol}; {Sources.Oas} (callback)",
            $"card {AsyncApprovedCard} answers undefined, then calls back approved within the Test Suite's window",
            c => AsyncAsync(c, AsyncApprovedCard, "approved")),
        new("testsuite-async-denied", $"{Sources.Homol}; {Sources.Oas} (callback)",
            $"card {AsyncDeniedCard} answers undefined, then calls back denied within the Test Suite's window",
            c => AsyncAsync(c, AsyncDeniedCard, "denied")),
    ];

    /// <summary>An approved Test Suite payment, for the operations checks.</summary>
    public static async Task<(string PaymentId, JObject Answer)> ApprovedPaymentAsync(CheckContext context)
    {
        var body = context.NewPayment(ApprovedCard);
        var answer = await context.CreateAsync(body, testSuite: true);
        Expect.Status(answer, 200, "Create Payment with the Test Suite's approved card");
        var json = Expect.JsonObject(answer);
        Expect.Equal("approved", (string?)json["status"], "status for the approved test card", answer);
        return ((string)body["paymentId"]!, json);
    }

    private static async Task SyncAsync(CheckContext context, string card, string status)
    {
        var body = context.NewPayment(card);
        var answer = await context.CreateAsync(body, testSuite: true);
        Expect.Status(answer, 200, "a Test Suite Create Payment (a decline is a status, not an HTTP error)");
        var json = Expect.JsonObject(answer);
        Expect.Equal((string?)body["paymentId"], (string?)json["paymentId"], "paymentId", answer);
        Expect.Equal(status, (string?)json["status"], "status", answer);
        Expect.Text(json, "tid", answer);
        if (status == "approved")
        {
            Expect.Text(json, "authorizationId", answer);
        }
    }

    private static async Task AsyncAsync(CheckContext context, string card, string status)
    {
        context.RequireCallbacks();
        var body = context.NewPayment(card);
        var answer = await context.CreateAsync(body, testSuite: true);
        Expect.Status(answer, 200, "a Test Suite Create Payment");
        Expect.Equal("undefined", (string?)answer.Json?["status"], "the first status of an async card", answer);
        await CallbackExpectations.ExpectCallbackAsync(context, (string)body["paymentId"]!, status, context.Options.CallbackPatience, withCard: false);
    }
}
