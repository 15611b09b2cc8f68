using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Sends every request of docs/walkthrough.http, as written, to the real host (Development) and virtual terminal,
/// with the file's variables pointed at this test's host and keys: the walkthrough users run keeps working.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class WalkthroughFileTests(AzuriteFixture azurite)
{
    private const string Terminal = "T-1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Walkthrough_EveryRequest_AnswersAsTheFileSays()
    {
        var ct = TestContext.Current.CancellationToken;
        var text = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "walkthrough.http"), ct);
        var prefix = TestEnvironment.UniquePrefix();
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, prefix,
            configure: b => b.Environment.EnvironmentName = "Development");
        using var client = new PppClient(connector.BaseUrl);
        await client.RegisterTerminalAsync(Terminal);
        await using var terminal = await VirtualTerminalApp.StartAsync(azurite.ConnectionString, prefix, connector.BaseUrl, Terminal);
        await using var callbacks = await CallbackReceiver.StartAsync();
        using var http = new HttpClient { Timeout = Patience };

        var variables = Variable().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.Contains("submitToken", variables.Keys);
        variables["baseUrl"] = connector.BaseUrl;
        variables["appKey"] = TestSettings.MerchantAppKey;
        variables["appToken"] = TestSettings.MerchantAppToken;
        variables["adminKey"] = TestSettings.AdminKey;
        variables["merchantName"] = TestSettings.MerchantName;
        variables["serialNumber"] = Terminal;
        variables["paymentId"] = Payments.NewId();
        variables["cancelId"] = Payments.NewId();
        variables["callbackUrl"] = callbacks.CallbackUrlFor("TX", variables["paymentId"]);

        var requests = text.Split("\n###").Skip(1).Select(block => Parse(block, variables)).ToList();
        Assert.True(requests.Count >= 12, $"Only {requests.Count} requests in the walkthrough.");
        var sent = 0;
        foreach (var request in requests)
        {
            var reply = await SendAsync(http, request(), ct);
            if (request().Url.Contains("/refunds", StringComparison.Ordinal) || IsRepeatedCreate(request(), sent, requests))
            {
                // The file says to send these again until they are final: the terminal answers in the background.
                reply = await RepeatUntilAsync(http, request, r => r.Status == HttpStatusCode.OK && (string?)JObject.Parse(r.Body)["status"] != "undefined", ct);
            }

            Assert.True(reply.Status == HttpStatusCode.OK, $"{request().Method} {request().Url} answered {(int)reply.Status}: {reply.Body}");
            if (sent++ == 1)
            {
                var payload = JObject.Parse((string)JObject.Parse(reply.Body)["paymentAppData"]!["payload"]!);
                variables["submitToken"] = Regex.Match((string)payload["submitUrl"]!, "[?&]token=([^&]+)").Groups[1].Value;
            }
        }

        var view = (await client.AdminPaymentAsync(variables["paymentId"])).Json;
        Assert.Equal("approved", (string?)view["status"]);
        Assert.Equal(10.00m, (decimal)view["state"]!["refundedAmount"]!);
        Assert.Equal("denied", (string?)(await client.AdminPaymentAsync(variables["cancelId"])).Json["status"]);
        // Both payments' callbacks go to @callbackUrl (the callback inspector locally, this receiver here).
        await callbacks.WaitForAsync(variables["paymentId"], Patience);
    }

    /// <summary>The second Create Payment for the walkthrough's payment: sent again until the terminal's answer shows.</summary>
    private static bool IsRepeatedCreate(Request request, int index, List<Func<Request>> requests) =>
        request.Url.EndsWith("/api/payments", StringComparison.Ordinal) && index > 0
        && requests.Take(index).Count(r => r().Url.EndsWith("/api/payments", StringComparison.Ordinal) && r().Body == request.Body) == 1;

    private static async Task<Reply> RepeatUntilAsync(HttpClient http, Func<Request> request, Func<Reply, bool> done, CancellationToken ct)
    {
        var until = DateTime.UtcNow + Patience;
        Reply reply;
        do
        {
            await Task.Delay(200, ct);
            reply = await SendAsync(http, request(), ct);
        }
        while (!done(reply) && DateTime.UtcNow < until);
        return reply;
    }

    private static async Task<Reply> SendAsync(HttpClient http, Request request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        string? contentType = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.Body.Length > 0)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, contentType ?? "application/json");
        }

        using var response = await http.SendAsync(message, ct);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>One request block: comments, "METHOD URL", headers, a blank line, the body. Variables resolve when sent.</summary>
    private static Func<Request> Parse(string block, Dictionary<string, string> variables) => () =>
    {
        var lines = block.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).SkipWhile(l => l.Length == 0 || l.StartsWith('#')).ToList();
        var requestLine = Resolve(lines[0], variables).Split(' ', 2);
        var headers = lines.Skip(1).TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).Select(h => (h[0].Trim(), Resolve(h[1].Trim(), variables))).ToList();
        var body = string.Join('\n', lines.Skip(1 + headers.Count)).Trim();
        return new Request(requestLine[0], requestLine[1].Trim(), headers, Resolve(body, variables));
    };

    private static string Resolve(string text, Dictionary<string, string> variables) =>
        Placeholder().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new InvalidOperationException($"Unknown variable {m.Value}."));

    private sealed record Request(string Method, string Url, List<(string Name, string Value)> Headers, string Body);

    [GeneratedRegex(@"^@(\w+)\s*=(.*)$", RegexOptions.Multiline)]
    private static partial Regex Variable();

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
