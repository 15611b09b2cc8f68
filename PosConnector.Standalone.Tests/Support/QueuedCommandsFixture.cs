using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>One <see cref="QueuedCommandsWorld"/> shared by a test class (each test uses its own payments).</summary>
public sealed class QueuedCommandsFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    public QueuedCommandsWorld World { get; private set; } = null!;

    public async ValueTask InitializeAsync() => World = await QueuedCommandsWorld.StartAsync(azurite);

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
