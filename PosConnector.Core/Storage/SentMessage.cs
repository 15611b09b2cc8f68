using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Observability;

namespace PosConnector.Core.Storage;

/// <summary>
/// A message this process queued, with the receipt that lets it move or delete the message before it fires: the
/// standalone host's wake-ups (deadline, callback retry, outbox reminder) and the Functions host's outbox reminder.
/// </summary>
public sealed record SentMessage(QueueClient Queue, string MessageId, string PopReceipt)
{
    public static async Task<SentMessage> SendAsync(QueueClient queue, string text, TimeSpan delay, CancellationToken ct)
    {
        var receipt = (await queue.SendMessageAsync(text, delay, cancellationToken: ct)).Value;
        return new(queue, receipt.MessageId, receipt.PopReceipt);
    }

    /// <summary>Makes the message visible after <paramref name="delay"/> instead, with new text if given; the receipt changes.</summary>
    public async Task<SentMessage> HideAsync(TimeSpan delay, string? text, CancellationToken ct)
    {
        var receipt = (await Queue.UpdateMessageAsync(MessageId, PopReceipt, text, delay, ct)).Value;
        return this with { PopReceipt = receipt.PopReceipt };
    }

    public async Task DeleteAsync(CancellationToken ct) => await Queue.DeleteMessageAsync(MessageId, PopReceipt, ct);

    /// <summary>
    /// Deletes a wake-up that is no longer needed, as an optimisation: one that cannot be deleted fires and finds nothing
    /// owed, so a failure is only logged (as <paramref name="step"/> of <paramref name="paymentId"/>'s follow-ups).
    /// </summary>
    public async Task TryDeleteAsync(ILogger logger, string paymentId, string step, CancellationToken ct)
    {
        try
        {
            await DeleteAsync(ct);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
        {
            Log.WakeupFollowUpFailed(logger, e, paymentId, step);
        }
    }
}
