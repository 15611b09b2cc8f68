using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PosConnector.Core.Observability;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// At-least-once consumer of one Storage Queue: a message is deleted only after it was handled; a failure
/// lets it reappear; after <see cref="MaxDequeueCount"/> failures it moves to the poison queue. Storage outages of any
/// length are waited out with a capped backoff; only a bug ends the worker, and then the host exits non-zero.
/// Empty polls back off to <paramref name="maxIdleDelay"/> (default: 5 s with a wake-up signal, 1 s without).
/// </summary>
public abstract class QueueWorker(
    QueueClient queue, QueueClient poison, ILogger logger, QueueSignal? wake = null, TimeSpan? maxIdleDelay = null) : BackgroundService
{
    private const int MaxDequeueCount = 10;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    // Empty polls back off from 50 ms to 1 s: quick after activity, cheap (storage transactions) when idle.
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxIdleDelay = TimeSpan.FromSeconds(1);
    // With a wake-up signal, a message this process sends ends the wait at once: idle polls can be much rarer.
    private static readonly TimeSpan MaxSignalledIdleDelay = TimeSpan.FromSeconds(5);

    /// <summary>Handles one message; returns false when it rescheduled the message itself (keep it).</summary>
    protected abstract Task<bool> HandleAsync(QueueMessage message, CancellationToken ct);

    protected QueueClient Queue => queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ConsumeAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.WorkerFailed(logger, e, queue.Name);
            Environment.ExitCode = 1;
            throw;
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var idleDelay = MinIdleDelay;
        var outageDelay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(16, Lease, stoppingToken)).Value;
                outageDelay = TimeSpan.Zero;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // After its own retries the SDK throws RequestFailedException or AggregateException: storage is down.
                outageDelay = StorageBackoff.Next(outageDelay);
                Log.StorageUnavailable(logger, e, queue.Name, outageDelay);
                await Task.Delay(outageDelay, stoppingToken);
                continue;
            }

            if (messages.Length == 0)
            {
                if (wake is null)
                {
                    await Task.Delay(idleDelay, stoppingToken);
                }
                else if (await wake.WaitAsync(idleDelay, stoppingToken))
                {
                    // Look now, but keep the backoff: a pulse for a message deleted meanwhile costs one receive, not a burst.
                    continue;
                }

                var max = maxIdleDelay ?? (wake is null ? MaxIdleDelay : MaxSignalledIdleDelay);
                idleDelay = idleDelay * 2 < max ? idleDelay * 2 : max;
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
