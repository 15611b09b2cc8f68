using Xunit;

[assembly: AssemblyFixture(typeof(PosConnector.Functions.Tests.TestSupport.AzuriteFixture))]

namespace PosConnector.Functions.Tests.TestSupport;

/// <summary>
/// Real Azurite (tables and queues) for the whole test run, from the repo's pinned npm package, on free ports,
/// in memory. Set AZURITE_CONNECTION_STRING to use one that is already running.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } external)
        {
            ConnectionString = external;
            return;
        }

        _azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FreePorts());
        ConnectionString = _azurite.ConnectionString;
    }

    public ValueTask DisposeAsync()
    {
        _azurite?.Dispose();
        return ValueTask.CompletedTask;
    }
}
