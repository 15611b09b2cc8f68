using Microsoft.Extensions.Hosting;
using PosConnector.Core.Storage;
using PosConnector.Functions.Orchestration;

namespace PosConnector.Functions.Hosting;

/// <summary>
/// Creates our tables and queues at start, as the standalone host's StorageInitializer does, plus the wakeup queue
/// Core does not know about. The Durable task hub creates its own storage.
/// </summary>
public sealed class StorageInitializer(StorageClients storage, PaymentWakeups wakeups) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureTablesAsync(cancellationToken);
        await storage.EnsureQueuesAsync(cancellationToken);
        await wakeups.Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
