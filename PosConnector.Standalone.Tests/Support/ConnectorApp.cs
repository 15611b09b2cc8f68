using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using PosConnector.Standalone.Extensions;
using PosConnector.TestSupport;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>The real standalone host, in this process, listening on a loopback port.</summary>
public sealed class ConnectorApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConnectorApp(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ConnectorApp> StartAsync(
        string storageConnectionString, string prefix, int? port = null, Action<WebApplicationBuilder>? configure = null)
    {
        var baseUrl = $"http://127.0.0.1:{port ?? TestEnvironment.FreeTcpPort()}";
        // The environment must come from args: setting builder.Environment later does not reach IHostEnvironment.
        var app = PosConnectorHost.Build(["--environment=Testing"], builder =>
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(TestSettings.Connector(storageConnectionString, prefix, baseUrl));
            builder.WebHost.UseUrls(baseUrl);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ConnectorApp(app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
