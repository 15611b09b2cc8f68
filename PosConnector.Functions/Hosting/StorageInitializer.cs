using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Functions.Messaging;

namespace PosConnector.Functions.Hosting;

/// <summary>
/// Local runs only (a storage connection string, i.e. Azurite): creates our tables and queues at start, plus every
/// queue this host's triggers listen on that Core does not know about (the wakeup queue and both poison queues; a
/// listener on a missing queue warns at every poll). In Azure (service URIs, managed identity) they are declared in
/// infra/ and the app's identity needs no right to create them. The Durable task hub creates its own storage.
/// </summary>
public sealed class StorageInitializer(StorageClients storage, IOptions<StorageOptions> options) : IHostedService
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
        foreach (var name in QueueNames.Listened)
        {
            await storage.Queue(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
