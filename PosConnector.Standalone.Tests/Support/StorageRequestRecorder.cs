using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// Records every storage request the connector's clients send (a policy in their pipeline: <c>StorageClients</c> takes
/// <see cref="HttpPipelinePolicy"/> services), so a test can count what one call cost.
/// </summary>
public sealed class StorageRequestRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(string Method, string Uri)> _requests = new();

    /// <summary>
    /// The requests for <paramref name="paymentId"/>, in order: those whose address names it (point reads, updates,
    /// deletes), and inserts into the payments table, whose keys travel in the body (every insert, so a test counts them
    /// only while no other payment is written).
    /// </summary>
    public IReadOnlyList<(string Method, string Uri)> For(string paymentId) =>
        [.. _requests.Where(r => Uri.UnescapeDataString(r.Uri).Contains(paymentId, StringComparison.Ordinal)
            || r.Method == "POST" && new Uri(r.Uri).AbsolutePath.EndsWith("payments", StringComparison.Ordinal))];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message) => _requests.Enqueue((message.Request.Method.ToString(), message.Request.Uri.ToString()));
}
