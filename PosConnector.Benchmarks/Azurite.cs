using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace PosConnector.Benchmarks;

/// <summary>
/// Azurite (tables and queues) from the repository's pinned npm package, in memory, on free loopback ports,
/// started the way the test suite's AzuriteFixture starts it. AZURITE_CONNECTION_STRING uses a running one.
/// </summary>
internal sealed class Azurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process? _process;

    private Azurite(string connectionString, Process? process)
    {
        ConnectionString = connectionString;
        _process = process;
    }

    public string ConnectionString { get; }

    /// <summary>True when this benchmark started Azurite (false: AZURITE_CONNECTION_STRING).</summary>
    public bool Owned => _process is not null;

    public static async Task<Azurite> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } external)
        {
            return new Azurite(external, null);
        }

        var root = typeof(Azurite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var bin = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed at {bin}: run `npm ci` in the repository root.");
        }

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var process = Process.Start(new ProcessStartInfo(bin,
            "--silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck --loose " +
            $"--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {blob} --queuePort {queue} --tablePort {table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        }) ?? throw new InvalidOperationException($"Could not start {bin}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey +
            $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1" +
            $";TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;",
            process);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await WaitForPortAsync(port, process);
            }
        }
        catch
        {
            azurite.Dispose();
            throw;
        }

        return azurite;
    }

    /// <summary>Peak working set of the Azurite node process so far (0 when not ours or gone).</summary>
    public long PeakWorkingSet()
    {
        if (_process is not { HasExited: false })
        {
            return 0;
        }

        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    /// <summary>CPU time the Azurite node process used so far (zero when not ours or gone).</summary>
    public TimeSpan ProcessorTime()
    {
        if (_process is not { HasExited: false })
        {
            return TimeSpan.Zero;
        }

        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
    }

    private static async Task WaitForPortAsync(int port, Process azurite)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (Stopwatch.GetTimestamp() < until && !azurite.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }
}
