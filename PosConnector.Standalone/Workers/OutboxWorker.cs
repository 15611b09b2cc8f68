using Azure.Storage.Queues.Models;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// Drains a payment's outbox when its reminder comes due (a crash interrupted the normal dispatch). While another
/// writer or drainer still holds the rows, the reminder hides itself until their claim lapses and looks again.
/// A reminder only matters once its writer failed, seconds after it was sent: polling every 5 s when idle is soon enough.
/// </summary>
public sealed class OutboxWorker(StorageClients storage, PaymentEngine engine, TimeProvider time, ILogger<OutboxWorker> logger)
    : QueueWorker(storage.Outbox, storage.Poison, logger, maxIdleDelay: IdlePoll)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);

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
