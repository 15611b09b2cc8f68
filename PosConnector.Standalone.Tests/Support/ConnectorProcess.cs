using System.Diagnostics;
using System.Net.Sockets;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>The standalone host as a separate OS process, so a test can kill it for real (SIGKILL) and start it again.</summary>
public sealed class ConnectorProcess : IDisposable
{
    private readonly Process _process;

    private ConnectorProcess(Process process) => _process = process;

    public static async Task<ConnectorProcess> StartAsync(IDictionary<string, string?> settings, int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PosConnector.Standalone.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new ConnectorProcess(process);
            }
            catch (SocketException) when (DateTime.UtcNow < until && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>No graceful shutdown: whatever was in flight is lost, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
