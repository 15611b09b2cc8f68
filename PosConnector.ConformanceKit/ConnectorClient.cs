using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace PosConnector.ConformanceKit;

/// <summary>
/// Every request the kit makes to the deployment goes through here: it times each one (the response-times check reads
/// them) and keeps each exchange for the report, without headers and with submitUrl tokens masked.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, KitOptions options)
{
    public const string TestSuiteHeader = "X-VTEX-API-Is-TestSuite";
    private readonly ConcurrentQueue<Exchange> _exchanges = new();

    public IReadOnlyCollection<Exchange> Exchanges => _exchanges;

    public (string Name, string Value)[] MerchantHeaders =>
        [("X-VTEX-API-AppKey", options.AppKey), ("X-VTEX-API-AppToken", options.AppToken)];

    public (string Name, string Value)[] ProviderHeaders =>
        [("X-PROVIDER-API-AppKey", options.AppKey), ("X-PROVIDER-API-AppToken", options.AppToken)];

    public (string Name, string Value)[] AdminHeaders => [("X-Admin-Key", options.AdminKey ?? "")];

    public Task<Answer> GetAsync(string path, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, path, null, headers);

    public Task<Answer> PostAsync(string path, string body, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, body, headers);

    /// <summary><paramref name="path"/> is a path under the connector's base or an absolute URL (a submitUrl).</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, string? body, IEnumerable<(string Name, string Value)> headers)
    {
        var url = path.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? new Uri(path) : new Uri(options.BaseUrl + path);
        using var request = NewRequest(method, url, body, headers);

        var clock = Stopwatch.StartNew();
        int status;
        string text;
        var answerHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var response = await http.SendAsync(request);
            text = await response.Content.ReadAsStringAsync();
            status = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                answerHeaders[header.Key] = string.Join(", ", header.Value);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // An unreachable deployment or one slower than the client's timeout is an answer the checks judge, not a crash.
            status = 0;
            text = $"(no answer: {e.Message})";
        }

        var exchange = new Exchange(method.Method, Mask(url.ToString()), body is null ? null : Exchange.Cut(MaskSecret(body)), status, Exchange.Cut(text), clock.Elapsed);
        _exchanges.Enqueue(exchange);
        return new Answer(status, text, answerHeaders, exchange);
    }

    /// <summary>A JSON request with headers added as given (no validation: hostile-input checks send odd ones on purpose).</summary>
    public static HttpRequestMessage NewRequest(HttpMethod method, Uri url, string? body, IEnumerable<(string Name, string Value)> headers)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>The submitUrl's token authorizes a serial for a payment: reports show that there was one, not its value.</summary>
    public static string Mask(string url) => TokenPattern().Replace(url, "token=***");

    /// <summary>A terminal registration carries the terminal's secret: a report never does.</summary>
    public static string MaskSecret(string body) => SecretPattern().Replace(body, "\"secret\":\"***\"");

    [GeneratedRegex("token=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();

    [GeneratedRegex("\"secret\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPattern();
}
