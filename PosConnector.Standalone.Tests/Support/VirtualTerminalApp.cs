using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PosConnector.TestSupport;
using PosConnector.VirtualTerminal;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>The real virtual terminal, in this process, consuming the test's command queue.</summary>
public sealed class VirtualTerminalApp : IAsyncDisposable
{
    private readonly IHost _host;

    private VirtualTerminalApp(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static Task<VirtualTerminalApp> StartAsync(string storageConnectionString, string prefix, string connectorUrl, params string[] serials) =>
        StartAsync(TestSettings.VirtualTerminal(storageConnectionString, prefix, connectorUrl, serials));

    public static async Task<VirtualTerminalApp> StartAsync(Dictionary<string, string?> settings)
    {
        var host = VirtualTerminalHost.Build([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await host.StartAsync();
        return new VirtualTerminalApp(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
