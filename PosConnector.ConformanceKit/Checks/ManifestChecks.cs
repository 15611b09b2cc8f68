using Newtonsoft.Json.Linq;
using PosConnector.Domain.Ppp;

namespace PosConnector.ConformanceKit.Checks;

/// <summary>What VTEX reads before any payment: the manifest and the legacy payment-methods list, without credentials.</summary>
public static class ManifestChecks
{
    public static IEnumerable<ConformanceCheck> All() =>
    [
        new("manifest", $"{Sources.Oas} (List Payment Provider Manifest); {Sources.Pos} (Venda Direta methods)",
            "GET /api/manifest without credentials lists Venda Direta Credito and Venda Direta Debito", ManifestAsync),
        new("payment-methods", $"{Sources.Oas} (List Payment Methods, deprecated but still called)",
            "GET /api/payment-methods without credentials lists both methods as strings", PaymentMethodsAsync),
    ];

    private static async Task ManifestAsync(CheckContext context)
    {
        var answer = await context.Client.GetAsync("/api/manifest");
        Expect.Status(answer, 200, "the manifest needs no credentials");
        var methods = Expect.JsonObject(answer)["paymentMethods"] as JArray;
        Expect.That(methods is not null && methods.All(m => m is JObject o && !string.IsNullOrEmpty((string?)o["name"])),
            "expected paymentMethods: an array of objects with a name", answer);
        var names = methods!.Select(m => (string?)m["name"]).ToHashSet();
        Expect.That(names.Contains(Manifest.CreditMethod) && names.Contains(Manifest.DebitMethod),
            $"expected \"{Manifest.CreditMethod}\" and \"{Manifest.DebitMethod}\" (no accents) among paymentMethods", answer);
        Expect.That(methods.All(m => m["allowsSplit"] is { Type: JTokenType.String }), "expected allowsSplit on every method", answer);
    }

    private static async Task PaymentMethodsAsync(CheckContext context)
    {
        var answer = await context.Client.GetAsync("/api/payment-methods");
        Expect.Status(answer, 200, "payment-methods needs no credentials");
        var methods = Expect.JsonObject(answer)["paymentMethods"] as JArray;
        Expect.That(methods is not null && methods.All(m => m.Type == JTokenType.String), "expected paymentMethods: an array of strings", answer);
        Expect.That(methods!.Values<string>().Contains(Manifest.CreditMethod) && methods.Values<string>().Contains(Manifest.DebitMethod),
            "expected both Venda Direta methods", answer);
    }
}
