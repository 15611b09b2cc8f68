using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PosConnector.TestSupport;

/// <summary>
/// An unreachable Service Bus that does not refuse: it accepts TCP connections on loopback and never answers, like a
/// broker behind a black-holing firewall. A client waits out its whole try timeout on every attempt here.
/// </summary>
public sealed class SilentTcpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public SilentTcpListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>A Service Bus emulator connection string pointing here.</summary>
    public string ServiceBusConnectionString => ServiceBusConnectionStringFor(Port);

    public static string ServiceBusConnectionStringFor(int port) =>
        $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=test-key;UseDevelopmentEmulator=true;";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _accepted.Add(await _listener.AcceptSocketAsync(_stop.Token));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
