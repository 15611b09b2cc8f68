using System.Diagnostics;
using System.Net.Sockets;
using Xunit;

[assembly: AssemblyFixture(typeof(PosConnector.Functions.Tests.TestSupport.AzuriteFixture))]

namespace PosConnector.Functions.Tests.TestSupport;

/// <summary>
/// Real Azurite (tables and queues) for the whole test run, from the repo's pinned npm package, on free ports,
/// in memory. Set AZURITE_CONNECTION_STRING to use one that is already running.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } external)
        {
            ConnectionString = external;
            return;
        }

        var bin = Path.Combine(TestEnvironment.RepositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"Azurite is not installed at {bin}: run `npm ci` in the repository root (scripts/test.sh does).");
        }

        var (blob, queue, table) = (TestEnvironment.FreeTcpPort(), TestEnvironment.FreeTcpPort(), TestEnvironment.FreeTcpPort());
        _azurite = Process.Start(new ProcessStartInfo(bin,
            "--silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck --loose " +
            $"--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {blob} --queuePort {queue} --tablePort {table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        _azurite.OutputDataReceived += (_, _) => { };
        _azurite.ErrorDataReceived += (_, _) => { };
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();

        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port, _azurite);
        }

        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey +
            $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1" +
            $";TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public ValueTask DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
            _azurite.WaitForExit(5000);
        }

        _azurite?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task WaitForPortAsync(int port, Process azurite)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
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
