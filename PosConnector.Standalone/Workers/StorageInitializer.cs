using PosConnector.Core.Observability;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// Creates tables and queues before the workers start (hosted services start in order). Storage that is down at
/// start is waited for, with backoff, rather than ending the process.
/// </summary>
public sealed class StorageInitializer(StorageClients storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await storage.EnsureTablesAsync(cancellationToken);
                await storage.EnsureQueuesAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                delay = StorageBackoff.Next(delay);
                Log.StorageUnavailable(logger, e, "(initialize)", delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
