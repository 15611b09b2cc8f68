using Newtonsoft.Json;
using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>The merchant credentials the Gateway sends on every call, in either header family [OAS], [HC].</summary>
public static class CredentialChecks
{
    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("credentials-missing", $"{Sources.Oas}; {Sources.HelpCenter}",
            "Create Payment without AppKey/AppToken is refused with 401 in the error shape", MissingAsync),
        new("credentials-wrong", $"{Sources.Oas}; {Sources.HelpCenter}",
            "Create Payment with the right AppKey and a wrong AppToken is refused with 401 in the error shape", WrongAsync),
        new("credentials-header-families", $"{Sources.HelpCenter} (X-VTEX-API-*); {Sources.Oas} (X-PROVIDER-API-*)",
            "both header families authenticate the same pair", FamiliesAsync),
    ];

    private static async Task MissingAsync(CheckContext context)
    {
        var answer = await context.Client.PostAsync("/api/payments", context.NewPayment().ToString(Formatting.None));
        Expect.ErrorShape(answer, 401);
    }

    private static async Task WrongAsync(CheckContext context)
    {
        var answer = await context.Client.PostAsync("/api/payments", context.NewPayment().ToString(Formatting.None),
            ("X-VTEX-API-AppKey", context.Options.AppKey), ("X-VTEX-API-AppToken", "wrong-" + Guid.NewGuid().ToString("N")));
        Expect.ErrorShape(answer, 401);
    }

    private static async Task FamiliesAsync(CheckContext context)
    {
        foreach (var headers in new[] { context.Client.MerchantHeaders, context.Client.ProviderHeaders })
        {
            var answer = await context.Client.PostAsync("/api/payments", context.NewPayment().ToString(Formatting.None), headers);
            Expect.Status(answer, 200, $"{headers[0].Name} and {headers[1].Name} carry the merchant's pair");
            Expect.That(PosFlow.Payload(answer.Json, PaymentAppData.TerminalConnectorApp) is not null,
                "expected the first POS answer (terminal-connector app)", answer);
        }
    }
}
