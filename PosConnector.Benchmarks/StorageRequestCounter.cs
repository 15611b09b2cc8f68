using System.Diagnostics.Tracing;

namespace PosConnector.Benchmarks;

/// <summary>Storage requests one client made, split by the kind of work.</summary>
internal readonly record struct StorageCount(long Work, long EmptyPolls)
{
    public long Total => Work + EmptyPolls;

    public static StorageCount operator -(StorageCount a, StorageCount b) => new(a.Work - b.Work, a.EmptyPolls - b.EmptyPolls);
}

/// <summary>
/// Counts every HTTP request the Azure SDK clients in this process send, from Azure.Core's own event source (the same
/// events AzureEventSourceListener prints): no proxy, no change to the hosts. Requests are attributed by the storage
/// endpoint's host name: the connector is given 127.0.0.1, the virtual terminal localhost (BenchmarkStack).
/// A queue receive is an "empty poll" (idle cost) unless a message it fetched is then deleted or updated: Azurite
/// answers receives chunked, so the answer itself does not tell; the delete or update that follows every handled
/// message does, and moves one receive from polls to work.
/// </summary>
internal sealed class StorageRequestCounter : EventListener
{
    public const string ConnectorHost = "127.0.0.1";
    public const string TerminalHost = "localhost";

    private long _connectorWork, _connectorPolls, _terminalWork, _terminalPolls;

    public StorageCount Connector => new(Interlocked.Read(ref _connectorWork), Interlocked.Read(ref _connectorPolls));

    public StorageCount Terminal => new(Interlocked.Read(ref _terminalWork), Interlocked.Read(ref _terminalPolls));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "Request" || e.Payload is not [_, string method, string uri, ..])
        {
            return;
        }

        var terminal = new Uri(uri).Host.Equals(TerminalHost, StringComparison.OrdinalIgnoreCase);
        ref var work = ref terminal ? ref _terminalWork : ref _connectorWork;
        ref var polls = ref terminal ? ref _terminalPolls : ref _connectorPolls;
        var onMessages = uri.Contains("/messages", StringComparison.Ordinal);
        if (onMessages && method == "GET" && !uri.Contains("peekonly", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref polls);
        }
        else if (onMessages && method is "DELETE" or "PUT" && uri.Contains("popreceipt", StringComparison.OrdinalIgnoreCase))
        {
            // This message was fetched by a receive: that receive was work, not an idle poll.
            Interlocked.Decrement(ref polls);
            Interlocked.Add(ref work, 2);
        }
        else
        {
            Interlocked.Increment(ref work);
        }
    }
}
