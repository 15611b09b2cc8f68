using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PosConnector.Benchmarks;

/// <summary>When the virtual terminal first posted a result for each payment (Stopwatch timestamps).</summary>
internal sealed class ResultPostClock
{
    private readonly ConcurrentDictionary<string, long> _firstPost = new();

    public void Record(string paymentId, long timestamp) => _firstPost.TryAdd(paymentId, timestamp);

    public long? FirstPost(string paymentId) => _firstPost.TryGetValue(paymentId, out var at) ? at : null;
}

/// <summary>Sits in the virtual terminal's result HttpClient and stamps each result POST as it leaves.</summary>
internal sealed class ResultPostClockHandler(ResultPostClock clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var at = Stopwatch.GetTimestamp();
        if (request.Content is { } content &&
            JsonNode.Parse(await content.ReadAsStringAsync(cancellationToken))?["paymentId"]?.GetValue<string>() is { } paymentId)
        {
            clock.Record(paymentId, at);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
