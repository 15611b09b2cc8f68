using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PosConnector.Benchmarks;

/// <summary>What happened to one payment; latencies in milliseconds, <see cref="Error"/> set when it did not complete.</summary>
internal sealed record PaymentOutcome(
    string PaymentId, double FirstCreateMs, double SubmitMs, double RepeatCreateMs, double FullFlowMs, string? Status, string? Error)
{
    public bool Approved => Error is null && Status == "approved";

    /// <summary>From the virtual terminal's result POST leaving to the callback arriving.</summary>
    public double ResultToCallbackMs { get; init; } = double.NaN;
}

/// <summary>The steps of a POS payment as the Gateway and the terminal see them.</summary>
internal enum PaymentStep
{
    FirstCreate,
    SubmitSerial,
    RepeatCreate,
    Polls,
    ResultToCallback,
    Deferred,
}

/// <summary>Drives POS payments as the Gateway and Sales App do: create, submit the serial, create again, await the callback.</summary>
/// <remarks>
/// A payment takes a free terminal and keeps it until its callback, as a checkout lane does: the connector refuses
/// a serial for a terminal with another payment's live charge (409 terminal-busy), so with fewer terminals than
/// payments in flight the extra payments wait for one before they start.
/// </remarks>
internal sealed class PaymentDriver(BenchmarkStack stack)
{
    private readonly System.Threading.Channels.Channel<string> _freeTerminals = FreeTerminals(stack.Serials);

    private static readonly (string Name, string Value)[] Merchant =
        [("X-VTEX-API-AppKey", BenchmarkStack.MerchantAppKey), ("X-VTEX-API-AppToken", BenchmarkStack.MerchantAppToken)];

    /// <summary>Runs payments <paramref name="first"/> .. first+count-1 with at most <paramref name="concurrency"/> in flight.</summary>
    public async Task<IReadOnlyList<PaymentOutcome>> RunAsync(int first, int count, int concurrency, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var payments = Enumerable.Range(first, count).Select(async i =>
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                return await PayAsync(i, ct);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(payments);
    }

    /// <summary>
    /// One payment; <paramref name="stepDone"/> is called as each step ends (first create, submit serial, repeat create,
    /// terminal result to callback), so a caller can meter the step.
    /// </summary>
    /// <remarks>
    /// With <paramref name="polls"/> &gt; 0 the wait app's polls are that many repeated Create Payment calls right after
    /// the charge (metered as <see cref="PaymentStep.Polls"/>); otherwise it polls every 2-5 s until the callback.
    /// </remarks>
    public async Task<PaymentOutcome> PayAsync(int index, CancellationToken ct, Action<PaymentStep>? stepDone = null, int polls = 0)
    {
        var serial = await _freeTerminals.Reader.ReadAsync(ct);
        try
        {
            return await PayOnAsync(serial, index, stepDone, polls, ct);
        }
        finally
        {
            _freeTerminals.Writer.TryWrite(serial);
        }
    }

    private static System.Threading.Channels.Channel<string> FreeTerminals(IReadOnlyList<string> serials)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
        foreach (var serial in serials)
        {
            channel.Writer.TryWrite(serial);
        }

        return channel;
    }

    private async Task<PaymentOutcome> PayOnAsync(string serial, int index, Action<PaymentStep>? stepDone, int polls, CancellationToken ct)
    {
        var paymentId = Guid.NewGuid().ToString("N").ToUpperInvariant();
        var amount = 10 + (index % 90) + 0.50m; // cents 50: the virtual terminal approves
        var body = CreatePaymentBody(paymentId, amount, stack.Callbacks.Expect(paymentId)).ToJsonString();
        double firstMs = double.NaN, submitMs = double.NaN, repeatMs = double.NaN;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var firstAnswer = await PostAsync("/api/payments", body, Merchant, ct);
            firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            stepDone?.Invoke(PaymentStep.FirstCreate);
            var payload = JsonNode.Parse(firstAnswer["paymentAppData"]?["payload"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"first Create Payment has no payload: {firstAnswer.ToJsonString()}"));
            var submitUrl = new Uri(payload?["submitUrl"]?.GetValue<string>() ?? throw new InvalidOperationException("payload has no submitUrl"));

            var submitStarted = Stopwatch.GetTimestamp();
            await PostAsync(submitUrl.PathAndQuery, new JsonObject { ["serialNumber"] = serial }.ToJsonString(), [], ct);
            submitMs = Stopwatch.GetElapsedTime(submitStarted).TotalMilliseconds;
            stepDone?.Invoke(PaymentStep.SubmitSerial);

            var repeatStarted = Stopwatch.GetTimestamp();
            await PostAsync("/api/payments", body, Merchant, ct);
            repeatMs = Stopwatch.GetElapsedTime(repeatStarted).TotalMilliseconds;
            stepDone?.Invoke(PaymentStep.RepeatCreate);

            var pending = stack.Callbacks.FirstCallbackAsync(paymentId);
            for (var poll = 0; poll < polls; poll++)
            {
                await PostAsync("/api/payments", body, Merchant, ct);
            }

            stepDone?.Invoke(PaymentStep.Polls);
            var callback = polls > 0 ? await pending.WaitAsync(ct) : await PollUntilAsync(pending, body, index, ct);
            stepDone?.Invoke(PaymentStep.ResultToCallback);
            var fullMs = Stopwatch.GetElapsedTime(started, callback.Timestamp).TotalMilliseconds;
            var resultToCallbackMs = stack.ResultPosts.FirstPost(paymentId) is { } posted
                ? Stopwatch.GetElapsedTime(posted, callback.Timestamp).TotalMilliseconds
                : double.NaN;
            return new PaymentOutcome(paymentId, firstMs, submitMs, repeatMs, fullMs, callback.Status, null) { ResultToCallbackMs = resultToCallbackMs };
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OperationCanceledException or System.Text.Json.JsonException)
        {
            var error = ct.IsCancellationRequested ? "not completed within --timeout-seconds" : e.Message;
            return new PaymentOutcome(paymentId, firstMs, submitMs, repeatMs, double.NaN, null, error);
        }
    }

    /// <summary>The wait app's polling: a repeated Create Payment every 2-5 s until the callback arrives.</summary>
    private async Task<T> PollUntilAsync<T>(Task<T> callback, string body, int index, CancellationToken ct)
    {
        var gaps = new Random(index);
        while (await Task.WhenAny(callback, Task.Delay(TimeSpan.FromMilliseconds(2000 + gaps.Next(3000)), ct)) != callback)
        {
            await PostAsync("/api/payments", body, Merchant, ct);
        }

        return await callback;
    }

    private async Task<JsonNode> PostAsync(string path, string body, (string Name, string Value)[] headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await stack.Connector.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text) is { } json
            ? json
            : throw new InvalidOperationException($"POST {path.Split('?')[0]} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>A Create Payment body shaped like the Gateway's for an inStore POS sale.</summary>
    internal static JsonObject CreatePaymentBody(string paymentId, decimal value, string callbackUrl) => new()
    {
        ["reference"] = "BENCH-" + paymentId[..6],
        ["orderId"] = "v" + paymentId[..12].ToLowerInvariant(),
        ["shopperInteraction"] = "instore",
        ["transactionId"] = "TX" + paymentId[..8],
        ["paymentId"] = paymentId,
        ["paymentMethod"] = "Venda Direta Credito",
        ["paymentMethodCustomCode"] = null,
        ["merchantName"] = "benchmark",
        ["value"] = value,
        ["referenceValue"] = value,
        ["currency"] = "BRL",
        ["installments"] = 1,
        ["deviceFingerprint"] = "benchmark",
        ["card"] = new JsonObject
        {
            ["holder"] = null, ["number"] = null, ["csc"] = null, ["expiration"] = new JsonObject { ["month"] = null, ["year"] = null },
        },
        ["miniCart"] = new JsonObject { ["items"] = new JsonArray() },
        ["url"] = "https://admin.example.com/orders/benchmark",
        ["callbackUrl"] = callbackUrl,
        ["returnUrl"] = "https://example.com/checkout/order/benchmark",
        ["sandBoxMode"] = false,
    };
}
