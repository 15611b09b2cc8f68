using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>The standalone host alone (no virtual terminal: the conformance kit plays its own terminals), one per test class.</summary>
public sealed class StandaloneHostFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public ConnectorApp Connector { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());

    public ValueTask DisposeAsync() => Connector.DisposeAsync();
}
