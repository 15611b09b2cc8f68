using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PosConnector.Benchmarks;

/// <summary>The moment a payment's callback arrived (Stopwatch timestamp) and the status it reported.</summary>
internal sealed record CallbackArrival(long Timestamp, string Status);

/// <summary>
/// Stands in for the VTEX Gateway's callback endpoint on loopback, like the tests' CallbackReceiver, but
/// completes a waiter the moment a callback lands (no polling, so full-flow latency is not rounded up).
/// </summary>
internal sealed class CallbackSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Expected> _expected = new();
    private int _received;
    private int _unexpected;

    private CallbackSink(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Every callback received, duplicates and unknown payments included.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Callbacks for payments this run never started.</summary>
    public int Unexpected => Volatile.Read(ref _unexpected);

    public static async Task<CallbackSink> StartAsync()
    {
        var (app, baseUrl) = LoopbackApp.Create();
        var sink = new CallbackSink(app, baseUrl);
        app.MapPost("/api/pvt/payment-provider/transactions/{transactionId}/payments/{paymentId}/callback", sink.ReceiveAsync);
        await app.StartAsync();
        return sink;
    }

    /// <summary>Registers a payment before its first Create Payment and returns the callbackUrl to send.</summary>
    public string Expect(string paymentId)
    {
        _expected[paymentId] = new Expected();
        return $"{BaseUrl}/api/pvt/payment-provider/transactions/TX{paymentId[..8]}/payments/{paymentId}/callback?accountName=benchmark";
    }

    /// <summary>Completes with the first callback of the payment.</summary>
    public Task<CallbackArrival> FirstCallbackAsync(string paymentId) => _expected[paymentId].First.Task;

    /// <summary>How many callbacks the payment got so far.</summary>
    public int CountFor(string paymentId) => _expected.TryGetValue(paymentId, out var e) ? Volatile.Read(ref e.Count) : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, string paymentId)
    {
        var now = Stopwatch.GetTimestamp();
        var body = await JsonNode.ParseAsync(request.Body);
        Interlocked.Increment(ref _received);
        if (!_expected.TryGetValue(paymentId, out var expected))
        {
            Interlocked.Increment(ref _unexpected);
            return Results.Ok();
        }

        Interlocked.Increment(ref expected.Count);
        expected.First.TrySetResult(new CallbackArrival(now, body?["status"]?.GetValue<string>() ?? "(none)"));
        return Results.Ok();
    }

    private sealed class Expected
    {
        public readonly TaskCompletionSource<CallbackArrival> First = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Count;
    }
}
