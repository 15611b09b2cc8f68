using System.Net;
using Newtonsoft.Json.Linq;
using PosConnector.ConformanceKit;
using PosConnector.Domain.Terminals;

namespace PosConnector.TestSupport;

/// <summary>Talks to the connector over real HTTP as the Gateway, the terminal-connector app, a terminal and an operator do.</summary>
public sealed class PppClient(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public static readonly (string Name, string Value)[] Merchant =
        [("X-VTEX-API-AppKey", TestSettings.MerchantAppKey), ("X-VTEX-API-AppToken", TestSettings.MerchantAppToken)];

    public static readonly (string Name, string Value)[] Admin = [("X-Admin-Key", TestSettings.AdminKey)];

    public Task<Reply> PostAsync(string path, string body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, body, headers);

    public Task<Reply> PostAsync(string path, JObject body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, body.ToString(), headers);

    public Task<Reply> GetAsync(string path, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, path, null, headers);

    public Task<Reply> PutAsync(string path, JObject body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Put, path, body.ToString(), headers);

    /// <summary>Any method, path and body text, for hostile-input tests.</summary>
    public Task<Reply> SendRawAsync(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers) =>
        SendAsync(method, path, body, headers);

    public Task<Reply> CreatePaymentAsync(JObject body) => PostAsync("/api/payments", body, Merchant);

    public Task<Reply> AdminPaymentAsync(string paymentId) => GetAsync($"/api/admin/payments/{paymentId}", Admin);

    public Task<Reply> RegisterTerminalAsync(string serial, bool enabled = true) =>
        PutAsync($"/api/admin/terminals/{serial}", new JObject
        {
            ["merchantName"] = TestSettings.MerchantName, ["label"] = "Counter", ["secret"] = TestSettings.SecretFor(serial), ["enabled"] = enabled,
        }, Admin);

    /// <summary>Posts the serial to the submitUrl the connector handed out in its first answer.</summary>
    public Task<Reply> SubmitSerialAsync(Reply firstAnswer, string serial)
    {
        var payload = JObject.Parse((string)firstAnswer.Json["paymentAppData"]!["payload"]!);
        var submitUrl = new Uri((string)payload["submitUrl"]!);
        return PostAsync(submitUrl.PathAndQuery, new JObject { ["serialNumber"] = serial });
    }

    public Task<Reply> PostTerminalResultAsync(string serial, JObject result, string? secret = null, DateTimeOffset? at = null)
    {
        var body = result.ToString(Newtonsoft.Json.Formatting.None);
        var signature = TerminalSignature.Create(secret ?? TestSettings.SecretFor(serial), at ?? DateTimeOffset.UtcNow, body);
        return PostAsync($"/api/terminals/{serial}/results", body, (TerminalSignature.HeaderName, signature));
    }

    /// <summary>Polls the admin view until <paramref name="done"/> holds.</summary>
    public async Task<JObject> WaitForPaymentAsync(string paymentId, Func<JObject, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        JObject last = [];
        while (DateTime.UtcNow < until)
        {
            var reply = await AdminPaymentAsync(paymentId);
            if (reply.Status == HttpStatusCode.OK)
            {
                last = reply.Json;
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Payment {paymentId} did not reach the expected state in {timeout}; last: {last}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<Reply> SendAsync(HttpMethod method, string path, string? body, (string Name, string Value)[] headers)
    {
        using var request = ConnectorClient.NewRequest(method, new Uri(path, UriKind.RelativeOrAbsolute), body, headers);

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text);
    }
}

public sealed record Reply(HttpStatusCode Status, string Body)
{
    public JObject Json => JObject.Parse(Body);
}
