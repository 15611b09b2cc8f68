using Azure.Storage.Queues.Models;
using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Payments;
using PosConnector.Standalone.Effects;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// Feeds DeadlineReached when a payment's deadline message comes due. The message is queued before the commit that set
/// the deadline and, when that commit also sent terminal commands, made visible early as their reminder (see
/// <see cref="QueueEffectPlanner"/>). Seen before the deadline, it drains the outbox (the writer may have died before
/// sending them) and hides again until the deadline, or until the rows' current holder's claim lapses.
/// </summary>
public sealed class DeadlineWorker(
    StorageClients storage, PaymentEngine engine, DeadlineTimers timers, TimeProvider time, ILogger<DeadlineWorker> logger,
    [FromKeyedServices(QueueSignal.Deadlines)] QueueSignal? wake = null)
    : QueueWorker(storage.Deadlines, storage.Poison, logger, wake)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    protected override async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var paymentId = message.MessageText;
        timers.Forget(paymentId); // received: the receipt the writer kept no longer works
        using var step = PaymentSpans.Begin(PaymentStep.Deadline, paymentId);
        var payment = await engine.LoadAsync(paymentId, ct);
        if (payment?.State.Deadline is { } deadline && deadline > time.GetUtcNow())
        {
            var drained = await engine.DrainOutboxAsync(paymentId, ct);
            var until = drained.RetryAt is { } held && held + Margin < deadline ? held + Margin : deadline;
            await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
                visibilityTimeout: QueueDelay.Until(until, time.GetUtcNow()), cancellationToken: ct);
            PaymentSpans.Ended(step.Activity, "rescheduled");
            return false;
        }

        await engine.ApplyAsync(paymentId, new PaymentEvent.DeadlineReached(), payment, ct);
        return true;
    }
}
