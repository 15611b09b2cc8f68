using Azure.Storage.Queues.Models;
using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// Delivers callbacks to VTEX. A failed attempt schedules the next as a new message delayed by the backoff (and the
/// current one is deleted), so retries until delayToCancel never count toward the poison threshold. Woken at once when
/// this host queues a first attempt (<see cref="QueueSignal"/>); retries wait for a poll.
/// </summary>
public sealed class CallbackWorker(
    StorageClients storage, IServiceProvider services, ILogger<CallbackWorker> logger,
    [FromKeyedServices(QueueSignal.Callbacks)] QueueSignal? wake = null)
    : QueueWorker(storage.Callbacks, storage.Poison, logger, wake)
{
    protected override async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var callback = PosConnectorJson.Deserialize<CallbackMessage>(message.MessageText);
        var step = await services.GetRequiredService<CallbackDelivery>().AttemptAsync(callback, ct);
        if (step.RetryAfter is not { } delay)
        {
            return true;
        }

        var next = callback with { Attempt = callback.Attempt + 1 };
        await Queue.SendMessageAsync(PosConnectorJson.Serialize(next), delay, cancellationToken: ct);
        return true;
    }
}
