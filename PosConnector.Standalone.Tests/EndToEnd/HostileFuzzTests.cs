using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Security;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// Seeded hostile requests of every kind against the real host. Every answer is below 500; every error is a
/// PPP error body with a message; a request refused for its input (4xx other than 409/422, which record a
/// business outcome) writes nothing. POSCONNECTOR_FUZZ_REQUESTS (default 2000) and POSCONNECTOR_FUZZ_SEED
/// change the run; POSCONNECTOR_FUZZ_REPORT names a file for the summary.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class HostileFuzzTests(HostileWorld world) : IClassFixture<HostileWorld>
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [Fact]
    public async Task FuzzedRequests_NeverAnswer5xx_AlwaysExplain_AndRefusedOnesWriteNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var count = Setting("POSCONNECTOR_FUZZ_REQUESTS", 2000);
        var seed = Setting("POSCONNECTOR_FUZZ_SEED", 20261130);
        var token = world.Connector.Services.GetRequiredService<SubmitUrlSigner>().TokenFor(world.QuietPaymentId);
        var requests = new HostileRequests(seed, world.QuietPaymentId, HostileWorld.Terminal, TestSettings.SecretFor(HostileWorld.Terminal), token, world.CallbackUrl);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = world.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var snapshot = await world.SnapshotAsync(ct);
        var sent = 0;

        for (var i = 0; i < count && failures.Count < 10; i++, sent++)
        {
            var request = requests.Next();
            var target = request.TargetPaymentId is { } id && !touched.Contains(id) ? id : null;
            var rowsBefore = target is null ? 0 : await world.RowsOfAsync(target, ct);
            var reply = await SendAsync(http, request);
            if (reply is null)
            {
                Count(statuses, request.Kind, "aborted");
                continue;
            }

            var status = (int)reply.Status;
            Count(statuses, KestrelRejects(request) ? "kestrel" : request.Kind, status.ToString(CultureInfo.InvariantCulture));
            var after = await world.SnapshotAsync(ct);
            // A NUL in the path is refused by Kestrel's parser before any application code runs: a 400 without a body.
            var problem = (KestrelRejects(request) ? (status == 400 ? null : "not Kestrel's 400") : Check(request, reply)) ?? (IsInputRefusal(status) || IsUnknownPaymentRefusal(request, reply)
                ? (after != snapshot ? $"a refused request changed storage: {snapshot} -> {after}" : null)
                  ?? (target is not null && await world.RowsOfAsync(target, ct) != rowsBefore ? $"a refused request wrote to payment {target}" : null)
                : null);
            if (problem is not null)
            {
                failures.Add($"#{i} {request.Kind} {request.Method} {Clip(request.Path)}: {problem}; answered {status} {Clip(reply.Body)}");
            }

            if (!IsInputRefusal(status) && !IsUnknownPaymentRefusal(request, reply) && request.TargetPaymentId is { } written)
            {
                touched.Add(written);
            }

            snapshot = after;
        }

        var errors = world.Logs.Errors.Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}").Distinct().ToList();
        var summary = $"seed {seed}, {sent} requests in {clock.Elapsed.TotalSeconds:F1} s; answers by kind and status: " +
            string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}")) + $"; error logs: {errors.Count}; failures: {failures.Count}";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("POSCONNECTOR_FUZZ_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, summary + Environment.NewLine + string.Join(Environment.NewLine, failures.Concat(errors)), ct);
        }

        Assert.True(failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, failures));
        Assert.True(errors.Count == 0, "Errors logged: " + string.Join(Environment.NewLine, errors));
    }

    /// <summary>A NUL in the decoded path is an invalid request target: Kestrel answers before the application sees it.</summary>
    private static bool KestrelRejects(HostileRequest request) => request.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>400/401/404/405/408/413/...: refused for the request itself. 409 and 422 record a business outcome.</summary>
    private static bool IsInputRefusal(int status) => status is >= 400 and < 500 and not 409 and not 422;

    /// <summary>
    /// VTEX's OpenAPI answers a refused cancel/settle/refund with 500 in the operation's own shape (no id, a code and
    /// a message): an answer, not a crash. Its code, or null when the reply is anything else.
    /// </summary>
    private static string? OperationRefusalCode(HostileRequest request, Reply reply)
    {
        if (request.Kind != "operation" || (int)reply.Status != 500)
        {
            return null;
        }

        try
        {
            var json = JObject.Parse(reply.Body);
            var noId = json.Properties().Where(p => p.Name is "cancellationId" or "settleId" or "refundId").All(p => p.Value.Type == JTokenType.Null);
            return noId && json["paymentId"] is not null && (string?)json["message"] is { Length: > 0 } ? (string?)json["code"] : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>An operation on a payment that does not exist (or is another merchant's) must write nothing, like a 404.</summary>
    private static bool IsUnknownPaymentRefusal(HostileRequest request, Reply reply) => OperationRefusalCode(request, reply) == "payment-not-found";

    private static string? Check(HostileRequest request, Reply reply)
    {
        var status = (int)reply.Status;
        if (status >= 500)
        {
            return OperationRefusalCode(request, reply) is null ? "a 5xx" : null;
        }

        if (status < 400 || request.Method == "HEAD")
        {
            return null;
        }

        try
        {
            var json = JObject.Parse(reply.Body);
            return (string?)json["message"] is { Length: > 0 } && ((string?)json["status"] == "error" || json["paymentId"] is not null)
                ? null
                : "an error without a PPP error body";
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return "an error body that is not JSON";
        }
    }

    private async Task<Reply?> SendAsync(HttpClient http, HostileRequest request)
    {
        var head = string.Join("\r\n", request.Headers.Select(h => $"{h.Name}: {h.Value}").Prepend($"{request.Method} {request.Path} HTTP/1.1"));
        switch (request.Transport)
        {
            case HostileTransport.Abort:
                await RawHttp.AbortAsync(world.BaseUri, head + "\r\nContent-Length: 100000", Encoding.UTF8.GetString(request.Body ?? []));
                return null;
            case HostileTransport.MalformedChunks:
                return await RawHttp.SendAsync(world.BaseUri, head + "\r\nTransfer-Encoding: chunked",
                    s => s.WriteAsync(Encoding.ASCII.GetBytes($"4\r\n{{\"a\"\r\nXYZ\r\n\r\n")).AsTask(), TimeSpan.FromSeconds(30));
        }

        try
        {
            return await SendOnceAsync(http, request);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection right after a refusal while a large body is still in flight; on a
            // loaded machine the client can then lose the answer. Once more, to read the answer.
            return await SendOnceAsync(http, request);
        }
    }

    private static async Task<Reply> SendOnceAsync(HttpClient http, HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = null;
            // A refused request is answered before its body is read; 100-continue keeps the body from racing the answer.
            message.Headers.ExpectContinue = request.Body.Length > 8 * 1024;
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(message);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void Count(SortedDictionary<string, int> statuses, string kind, string status)
    {
        var key = $"{kind}:{status}";
        statuses[key] = statuses.GetValueOrDefault(key) + 1;
    }

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
