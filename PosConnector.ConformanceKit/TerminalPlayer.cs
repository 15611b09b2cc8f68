using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PosConnector.Domain.Terminals;

namespace PosConnector.ConformanceKit;

/// <summary>
/// Plays the terminal from outside, as a terminal or bridge does: it learns each command's id from the admin view of the
/// payment (it cannot read the deployment's command queue) and posts results signed with the terminal's secret, using
/// the connector's own <see cref="TerminalSignature"/> so the kit signs exactly as docs/terminal-integration.md §4 says.
/// </summary>
public sealed class TerminalPlayer(ConnectorClient client, KitOptions options, TimeProvider time)
{
    public string Serial { get; } = options.TerminalSerial ?? "";

    public Task<Answer> RegisterAsync() =>
        client.SendAsync(HttpMethod.Put, $"/api/admin/terminals/{Uri.EscapeDataString(Serial)}", new JObject
        {
            ["merchantName"] = options.MerchantName, ["label"] = "conformance kit", ["secret"] = options.TerminalSecret, ["enabled"] = true,
        }.ToString(Formatting.None), client.AdminHeaders);

    /// <summary>The newest command of <paramref name="type"/> issued for the payment, once there is one.</summary>
    public async Task<JObject?> FindCommandAsync(CheckContext context, string paymentId, string type, TimeSpan limit) =>
        await context.WaitForAsync($"a {type} command for {paymentId}", limit, async () =>
        {
            var view = await client.GetAsync($"/api/admin/payments/{paymentId}", client.AdminHeaders);
            return view.Json?["state"]?["commands"] is JArray commands
                ? commands.OfType<JObject>().LastOrDefault(c => (string?)c["type"] == type)
                : null;
        });

    public Task<Answer> PostResultAsync(string paymentId, JObject command, string status, bool withCard = false)
    {
        var result = new JObject
        {
            ["commandId"] = command["commandId"], ["paymentId"] = paymentId, ["type"] = command["type"], ["status"] = status,
        };
        if (withCard)
        {
            result["authorizationId"] = "CK-AUT-1";
            result["nsu"] = "000001";
            result["tid"] = "CK-TID-" + paymentId[^Math.Min(paymentId.Length, 24)..];
            result["acquirer"] = "Conformance Kit";
            result["cardBrand"] = "Visa";
            result["firstDigits"] = "411111";
            result["lastDigits"] = "1111";
        }

        result["message"] = "conformance kit: " + status;
        // Sign the exact bytes that go on the wire.
        var body = result.ToString(Formatting.None);
        return client.PostAsync($"/api/terminals/{Uri.EscapeDataString(Serial)}/results", body,
            (TerminalSignature.HeaderName, TerminalSignature.Create(options.TerminalSecret ?? "", time.GetUtcNow(), body)));
    }
}
