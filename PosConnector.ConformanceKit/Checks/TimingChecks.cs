using Newtonsoft.Json;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>Every answer inside VTEX's time limit: 5 s while VTEX tests, 20 s in production [OAS], [HOMOL], [POS].</summary>
public static class TimingChecks
{
    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("response-times", $"{Sources.Homol}; {Sources.Oas}; {Sources.Pos} (5 s in tests, 20 s in production)",
            "every request this run made was answered within --time-limit", ResponseTimesAsync),
    ];

    private static async Task ResponseTimesAsync(CheckContext context)
    {
        // Its own requests too, so the check judges something even when run alone (--only response-times).
        await context.Client.GetAsync("/api/manifest");
        await context.CreateAsync(context.NewPayment());
        await context.Client.PostAsync("/api/payments", context.NewPayment().ToString(Formatting.None), context.Client.MerchantHeaders);

        var limit = context.Options.TimeLimit;
        var slowest = context.Client.Exchanges.OrderByDescending(e => e.Status == 0 ? TimeSpan.MaxValue : e.Elapsed).First();
        Expect.That(slowest.Status != 0, "expected every request to be answered; one got no answer", slowest);
        Expect.That(slowest.Elapsed <= limit,
            $"expected every answer within {limit.TotalSeconds:0.#} s; the slowest of {context.Client.Exchanges.Count} took {slowest.Elapsed.TotalMilliseconds:0} ms", slowest);
    }
}
