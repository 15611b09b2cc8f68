using Azure.Storage.Queues.Models;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>Drains a payment's outbox when its reminder comes due (a crash interrupted the normal dispatch).</summary>
public sealed class OutboxWorker(StorageClients storage, PaymentEngine engine, ILogger<OutboxWorker> logger)
    : QueueWorker(storage.Outbox, storage.Poison, logger)
{
    protected override async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        await engine.DrainOutboxAsync(message.MessageText, ct);
        return true;
    }
}
