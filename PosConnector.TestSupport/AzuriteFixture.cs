using Xunit;

namespace PosConnector.TestSupport;

/// <summary>
/// Real Azurite (tables and queues) from the repo's pinned npm package, on free ports, in memory. Set
/// AZURITE_CONNECTION_STRING to use one that is already running. Only test projects that use storage start it: as an
/// assembly fixture where most tests need it (the hosts' tests), as a class fixture where few do (Core's engine tests).
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
