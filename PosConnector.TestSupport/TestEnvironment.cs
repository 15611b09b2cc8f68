using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace PosConnector.TestSupport;

public static class TestEnvironment
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The host environment of a test that builds the Core services without a host (the real hosts provide one):
    /// Testing, so the loopback CallbackReceiver is an allowed callback URL.
    /// </summary>
    public static IHostEnvironment Host() => new HostingEnvironment
    {
        EnvironmentName = "Testing",
        ApplicationName = Assembly.GetEntryAssembly()?.GetName().Name ?? "PosConnector.Tests",
        ContentRootPath = AppContext.BaseDirectory,
    };

    /// <summary>A short unique prefix so each test class gets its own tables and queues.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];
}
