using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// A storage outage on demand, in the connector's own storage pipeline (<c>StorageClients</c> takes
/// <see cref="HttpPipelinePolicy"/> services): while <see cref="Failing"/> says so, every request fails as a 503 would,
/// before it reaches Azurite. The rest of the stack is real.
/// </summary>
public sealed class StorageFaults(Func<bool> failing) : HttpPipelinePolicy
{
    public Func<bool> Failing { get; } = failing;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFailing();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFailing();
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfFailing()
    {
        if (Failing())
        {
            throw new RequestFailedException(503, "Injected storage outage.");
        }
    }
}
