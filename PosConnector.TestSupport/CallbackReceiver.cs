using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace PosConnector.TestSupport;

/// <summary>
/// Stands in for the VTEX Gateway's callback endpoint (the one part that cannot run here): a real HTTP server
/// on loopback that records every callback and can be told to fail for a while.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly ConcurrentDictionary<string, int> _refusedFor = new();
    private int _failuresLeft;

    private CallbackReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedCallback> Received => [.. _received];

    /// <summary>Number of failed deliveries (503 answered) so far.</summary>
    public int Refused { get; private set; }

    /// <summary>Failed deliveries of one payment's callback: other tests' callbacks may take some of <see cref="FailNext"/>.</summary>
    public int RefusedFor(string paymentId) => _refusedFor.GetValueOrDefault(paymentId);

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = TestEnvironment.FreeTcpPort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new CallbackReceiver(app) { BaseUrl = $"http://127.0.0.1:{port}" };
        app.MapPost("/api/pvt/payment-provider/transactions/{transactionId}/payments/{paymentId}/callback", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>A callbackUrl as VTEX builds it, signature query included.</summary>
    public string CallbackUrlFor(string transactionId, string paymentId) =>
        $"{BaseUrl}/api/pvt/payment-provider/transactions/{transactionId}/payments/{paymentId}/callback?accountName=teststore&X-VTEX-signature=sig{paymentId[..8]}";

    /// <summary>Answer 503 to the next <paramref name="count"/> callbacks.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public IReadOnlyList<ReceivedCallback> For(string paymentId) => Received.Where(c => c.PaymentId == paymentId).ToList();

    public async Task<ReceivedCallback> WaitForAsync(string paymentId, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (For(paymentId) is [var callback, ..])
            {
                return callback;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No callback for {paymentId} within {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, string paymentId)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Refused++;
            _refusedFor.AddOrUpdate(paymentId, 1, (_, n) => n + 1);
            return Results.StatusCode(503);
        }

        _received.Enqueue(new ReceivedCallback(paymentId, request.QueryString.Value ?? "",
            request.Headers["X-VTEX-API-AppKey"].ToString(), request.Headers["X-VTEX-API-AppToken"].ToString(), JObject.Parse(body)));
        return Results.Ok();
    }
}

public sealed record ReceivedCallback(string PaymentId, string Query, string AppKey, string AppToken, JObject Body)
{
    /// <summary>When the receiver answered it (wall clock: compared with when a test killed a host).</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
}
