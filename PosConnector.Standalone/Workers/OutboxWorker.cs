using Azure.Storage.Queues.Models;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// Drains a payment's outbox when its reminder comes due (a crash interrupted the normal dispatch). While another
/// writer or drainer still holds the rows, the reminder hides itself until their claim lapses and looks again.
/// </summary>
public sealed class OutboxWorker(
    StorageClients storage, PaymentEngine engine, TimeProvider time, ILogger<OutboxWorker> logger,
    [FromKeyedServices(QueueSignal.Outbox)] QueueSignal? wake = null)
    : QueueWorker(storage.Outbox, storage.Poison, logger, wake)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    protected override async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        if ((await engine.DrainOutboxAsync(message.MessageText, ct)).RetryAt is not { } retryAt)
        {
            return true;
        }

        await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
            visibilityTimeout: QueueDelay.Until(retryAt + Margin, time.GetUtcNow()), cancellationToken: ct);
        return false;
    }
}
