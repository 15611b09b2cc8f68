using System.Diagnostics.Tracing;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PosConnector.Benchmarks;

/// <summary>Storage requests one client made, split by the kind of work.</summary>
internal readonly record struct StorageCount(long Work, long EmptyPolls)
{
    public long Total => Work + EmptyPolls;

    public static StorageCount operator -(StorageCount a, StorageCount b) => new(a.Work - b.Work, a.EmptyPolls - b.EmptyPolls);
}

/// <summary>
/// Counts the storage requests of the connector and of the virtual terminal. The connector's go through
/// <see cref="ConnectorPolicy"/>, a policy in its storage clients' pipeline (one call per HTTP request, retries
/// included), which reads each queue receive's answer: a receive that fetched nothing is an "empty poll" (idle cost),
/// any other request is work. The virtual terminal's are read from Azure.Core's event source (the same events
/// AzureEventSourceListener prints), told apart by host name (BenchmarkStack gives it <see cref="TerminalHost"/>);
/// there a receive counts as work when a delete or update of a fetched message follows, as the terminal never
/// deletes or moves a message it did not receive.
/// </summary>
internal sealed class StorageRequestCounter : EventListener
{
    public const string ConnectorHost = "127.0.0.1";
    public const string TerminalHost = "localhost";

    /// <summary>POSCONNECTOR_BENCH_TRACE=1: every connector storage request and step boundary goes to stderr.</summary>
    public static bool Tracing { get; } = Environment.GetEnvironmentVariable("POSCONNECTOR_BENCH_TRACE") == "1";

    private long _connectorWork, _connectorPolls, _terminalWork, _terminalPolls;

    public StorageRequestCounter() => ConnectorPolicy = new CountingPolicy(this);

    public StorageCount Connector => new(Interlocked.Read(ref _connectorWork), Interlocked.Read(ref _connectorPolls));

    public StorageCount Terminal => new(Interlocked.Read(ref _terminalWork), Interlocked.Read(ref _terminalPolls));

    /// <summary>Add to the connector's storage clients (<c>StorageClients</c> takes pipeline policies from DI).</summary>
    public HttpPipelinePolicy ConnectorPolicy { get; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "Request" || e.Payload is not [_, string method, string uri, ..]
            || !new Uri(uri).Host.Equals(TerminalHost, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (IsReceive(method, uri))
        {
            Interlocked.Increment(ref _terminalPolls);
        }
        else if (uri.Contains("/messages", StringComparison.Ordinal) && method is "DELETE" or "PUT" && uri.Contains("popreceipt", StringComparison.OrdinalIgnoreCase))
        {
            // This message was fetched by a receive: that receive was work, not an idle poll.
            Interlocked.Decrement(ref _terminalPolls);
            Interlocked.Add(ref _terminalWork, 2);
        }
        else
        {
            Interlocked.Increment(ref _terminalWork);
        }
    }

    private static bool IsReceive(string method, string uri) =>
        method == "GET" && uri.Contains("/messages", StringComparison.Ordinal) && !uri.Contains("peekonly", StringComparison.Ordinal);

    private void CountConnector(HttpMessage message)
    {
        var request = message.Request;
        var fetchedNothing = IsReceive(request.Method.ToString(), request.Uri.ToString())
            && message.HasResponse && message.Response.Content?.ToString().Contains("<MessageId>", StringComparison.Ordinal) != true;
        Interlocked.Increment(ref fetchedNothing ? ref _connectorPolls : ref _connectorWork);
        if (Tracing)
        {
            Console.Error.WriteLine($"TRACE CN {(fetchedNothing ? "poll" : "work")} {request.Method} {request.Uri.Path} {request.Uri.Query}");
        }
    }

    private sealed class CountingPolicy(StorageRequestCounter counter) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            counter.CountConnector(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            counter.CountConnector(message);
        }
    }
}
