using Azure.Storage.Queues.Models;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>Feeds DeadlineReached when a payment's delayed deadline message becomes visible.</summary>
public sealed class DeadlineWorker(StorageClients storage, PaymentEngine engine, ILogger<DeadlineWorker> logger)
    : QueueWorker(storage.Deadlines, storage.Poison, logger)
{
    protected override async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        await engine.ApplyAsync(message.MessageText, new PaymentEvent.DeadlineReached(), ct);
        return true;
    }
}
