using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>Input no gateway should send still gets a 4xx in the protocol's error shape, never a 5xx or a stack trace [OAS], [FLOWS].</summary>
public static class HostileInputChecks
{
    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("hostile-input", $"{Sources.Oas} (error responses); {Sources.Flows} (5xx errors push VTEX into contingency)",
            "broken JSON, an amount as text, a JSON array, an unknown method and a path-like paymentId each get 4xx in the error shape", HostileAsync),
    ];

    private static async Task HostileAsync(CheckContext context)
    {
        var amountAsText = context.NewPayment();
        amountAsText["value"] = "1,00";
        var unknownMethod = context.NewPayment(method: "Visa Parcelado Loja");
        var pathLikeId = context.NewPayment();
        pathLikeId["paymentId"] = "../../admin";

        string[] bodies = ["{\"paymentId\":", amountAsText.ToString(), new JArray(context.NewPayment()).ToString(), unknownMethod.ToString(), pathLikeId.ToString()];
        foreach (var body in bodies)
        {
            var answer = await context.Client.PostAsync("/api/payments", body, context.Client.MerchantHeaders);
            Expect.That(answer.Status is >= 400 and < 500, $"expected a 4xx for hostile input, got {answer.Status}", answer);
            Expect.ErrorShape(answer, answer.Status);
        }
    }
}
