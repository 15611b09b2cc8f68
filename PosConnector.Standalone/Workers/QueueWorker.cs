using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PosConnector.Core.Observability;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// At-least-once consumer of one Storage Queue: a message is deleted only after it was handled; a failure
/// lets it reappear; after <see cref="MaxDequeueCount"/> failures it moves to the poison queue.
/// </summary>
public abstract class QueueWorker(QueueClient queue, QueueClient poison, ILogger logger) : BackgroundService
{
    private const int MaxDequeueCount = 10;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    // Empty polls back off from 50 ms to 1 s: quick after activity, cheap (storage transactions) when idle.
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxIdleDelay = TimeSpan.FromSeconds(1);

    /// <summary>Handles one message; returns false when it rescheduled the message itself (keep it).</summary>
    protected abstract Task<bool> HandleAsync(QueueMessage message, CancellationToken ct);

    protected QueueClient Queue => queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinIdleDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(16, Lease, stoppingToken)).Value;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
            {
                Log.MessageFailed(logger, e, queue.Name, "(receive)");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idleDelay, stoppingToken);
                idleDelay = idleDelay * 2 < MaxIdleDelay ? idleDelay * 2 : MaxIdleDelay;
                continue;
            }

            idleDelay = MinIdleDelay;

            await Task.WhenAll(messages.Select(m => ProcessAsync(m, stoppingToken)));
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (message.DequeueCount > MaxDequeueCount)
            {
                Log.Poisoned(logger, queue.Name, message.MessageId, message.DequeueCount);
                await poison.SendMessageAsync(message.MessageText, ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                return;
            }

            if (await HandleAsync(message, ct))
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Left in the queue: it becomes visible again when the lease ends.
            Log.MessageFailed(logger, e, queue.Name, message.MessageId);
        }
    }
}
