using System.Diagnostics;
using System.Net.Sockets;

namespace PosConnector.TestSupport;

/// <summary>
/// One Azurite process (tables, queues, blobs) on given loopback ports, in memory or on disk. A test that needs a storage
/// outage stops it (gracefully, so its on-disk data is saved) and starts a new one on the same ports and location.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteProcess(Process process, (int Blob, int Queue, int Table) ports)
    {
        _process = process;
        Ports = ports;
    }

    public (int Blob, int Queue, int Table) Ports { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey +
        $";BlobEndpoint=http://127.0.0.1:{Ports.Blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{Ports.Queue}/devstoreaccount1" +
        $";TableEndpoint=http://127.0.0.1:{Ports.Table}/devstoreaccount1;";

    public static (int Blob, int Queue, int Table) FreePorts() =>
        (TestEnvironment.FreeTcpPort(), TestEnvironment.FreeTcpPort(), TestEnvironment.FreeTcpPort());

    /// <summary>Starts Azurite persisting to the directory <c>location</c>, or in memory when it is null.</summary>
    public static async Task<AzuriteProcess> StartAsync((int Blob, int Queue, int Table) ports, string? location = null)
    {
        var bin = Path.Combine(TestEnvironment.RepositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed at {bin}: run `npm ci` in the repository root (scripts/test.sh does).");
        }

        var storage = location is null ? "--inMemoryPersistence" : $"--location \"{location}\"";
        var process = Process.Start(new ProcessStartInfo(bin,
            $"--silent --disableTelemetry {storage} --skipApiVersionCheck --loose " +
            $"--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {ports.Blob} --queuePort {ports.Queue} --tablePort {ports.Table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        foreach (var port in new[] { ports.Blob, ports.Queue, ports.Table })
        {
            await WaitForPortAsync(port, process);
        }

        return new AzuriteProcess(process, ports);
    }

    /// <summary>SIGTERM first, so Azurite saves its on-disk database; SIGKILL if it does not exit in time.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", $"-TERM {_process.Id}"))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    /// <summary>Node starts slowly on a loaded machine: up to 120 s.</summary>
    private static async Task WaitForPortAsync(int port, Process azurite)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !azurite.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }
}
