using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>Creates tables and queues before the workers start (hosted services start in order).</summary>
public sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureTablesAsync(cancellationToken);
        await storage.EnsureQueuesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
