using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Functions.Orchestration;

namespace PosConnector.Functions.Hosting;

/// <summary>
/// Local runs only (a storage connection string, i.e. Azurite): creates our tables and queues at start, plus the
/// wakeup queue Core does not know about. In Azure (service URIs, managed identity) they are declared in infra/ and
/// the app's identity needs no right to create them. The Durable task hub creates its own storage.
/// </summary>
public sealed class StorageInitializer(StorageClients storage, PaymentWakeups wakeups, IOptions<StorageOptions> options) : IHostedService
{
    public static bool CreatesAtStart(StorageOptions o) => o.TableServiceUri is null && o.QueueServiceUri is null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!CreatesAtStart(options.Value))
        {
            return;
        }

        await storage.EnsureTablesAsync(cancellationToken);
        await storage.EnsureQueuesAsync(cancellationToken);
        await wakeups.Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
