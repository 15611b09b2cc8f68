using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>The first Create Payment of a POS sale, and Create's idempotency by paymentId [OAS], [POS].</summary>
public static class CreatePaymentChecks
{
    /// <summary>VTEX's smallest delayToCancel for POS payments, in seconds [POS].</summary>
    public const int MinimumDelayToCancel = 600;

    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("create-first", $"{Sources.Pos} (terminal connector app, submitUrl); {Sources.Oas} (Create Payment response)",
            "the first Create answers undefined with vtex.terminal-connector-app, a string payload holding the submitUrl, and delayToCancel >= 600 s", FirstAsync),
        new("create-repeated", $"{Sources.Oas} (Create Payment is idempotent by paymentId); {Sources.Pos} (the wait app polls Create)",
            "repeating Create answers the same payment: same status, same tid", RepeatedAsync),
        new("create-overlapping", $"{Sources.Oas}; {Sources.Pos}",
            "8 overlapping Creates of one new paymentId make one payment: all 200, one tid", OverlappingAsync),
    ];

    private static async Task FirstAsync(CheckContext context)
    {
        var body = context.NewPayment();
        var answer = await context.CreateAsync(body);
        Expect.Status(answer, 200, "a valid Create Payment");
        var json = Expect.JsonObject(answer);
        Expect.Equal((string?)body["paymentId"], (string?)json["paymentId"], "paymentId", answer);
        Expect.Equal("undefined", (string?)json["status"], "status", answer);
        Expect.Text(json, "tid", answer);
        var payload = PosFlow.Payload(json, PaymentAppData.TerminalConnectorApp);
        Expect.That(payload is not null, $"expected paymentAppData.appName {PaymentAppData.TerminalConnectorApp} and a payload that is a string of JSON", answer);
        var submitUrl = (string?)payload!["submitUrl"];
        var expected = new Uri(context.Options.BaseUrl);
        Expect.That(Uri.TryCreate(submitUrl, UriKind.Absolute, out var url) && url.Scheme == expected.Scheme && url.Authority == expected.Authority,
            $"expected an absolute submitUrl on the connector's own scheme and host ({expected.Scheme}://{expected.Authority})", answer);
        var delay = Expect.Number(json, "delayToCancel", answer);
        Expect.That(delay >= MinimumDelayToCancel, $"expected delayToCancel >= {MinimumDelayToCancel} s, got {delay}", answer);
    }

    private static async Task RepeatedAsync(CheckContext context)
    {
        var body = context.NewPayment();
        var first = await context.CreateAsync(body);
        Expect.Status(first, 200, "a valid Create Payment");
        var tid = (string?)first.Json?["tid"];
        for (var i = 0; i < 3; i++)
        {
            var again = await context.CreateAsync(body);
            Expect.Status(again, 200, "a repeated Create Payment");
            Expect.Equal(tid, (string?)again.Json?["tid"], "the same tid on a repeat", again);
            Expect.Equal((string?)first.Json?["status"], (string?)again.Json?["status"], "the same status on a repeat", again);
            Expect.Equal((string?)first.Json?["paymentAppData"]?["appName"], (string?)again.Json?["paymentAppData"]?["appName"], "the same app on a repeat", again);
        }
    }

    private static async Task OverlappingAsync(CheckContext context)
    {
        var body = context.NewPayment();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => context.CreateAsync(body)));
        foreach (var answer in answers)
        {
            Expect.Status(answer, 200, "overlapping Creates of one payment");
        }

        var tids = answers.Select(a => (string?)a.Json?["tid"]).Distinct().ToList();
        Expect.That(tids is [not null], $"expected one tid across overlapping Creates, got {tids.Count}: {string.Join(", ", tids)}", answers[^1]);
        Expect.That(answers.All(a => PosFlow.Payload(a.Json, PaymentAppData.TerminalConnectorApp) is not null),
            "expected every overlapping Create to answer the terminal-connector app", answers.FirstOrDefault(a => PosFlow.Payload(a.Json, PaymentAppData.TerminalConnectorApp) is null));
    }
}
