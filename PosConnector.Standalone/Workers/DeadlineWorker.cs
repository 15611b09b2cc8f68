using Azure.Storage.Queues.Models;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>Feeds DeadlineReached when a payment's delayed deadline message becomes visible.</summary>
public sealed class DeadlineWorker(
    StorageClients storage, PaymentEngine engine, TimeProvider time, ILogger<DeadlineWorker> logger,
    [FromKeyedServices(QueueSignal.Deadlines)] QueueSignal? wake = null)
    : QueueWorker(storage.Deadlines, storage.Poison, logger, wake)
{
    protected override async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var paymentId = message.MessageText;
        // Early on its first delivery (clock skew): hide it once more until the deadline, without an audit row.
        // A second early delivery goes to the decider, which records it and schedules a fresh message.
        var payment = message.DequeueCount == 1 ? await engine.LoadAsync(paymentId, ct) : null;
        if (payment?.State.Deadline is { } deadline && deadline > time.GetUtcNow())
        {
            await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
                visibilityTimeout: QueueDelay.Until(deadline, time.GetUtcNow()), cancellationToken: ct);
            return false;
        }

        await engine.ApplyAsync(paymentId, new PaymentEvent.DeadlineReached(), payment, ct);
        return true;
    }
}
