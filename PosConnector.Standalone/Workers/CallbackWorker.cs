using Azure.Storage.Queues.Models;
using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// Delivers callbacks to VTEX. A failed attempt schedules the next as a new message delayed by the backoff (and the
/// current one is deleted), so retries until delayToCancel never count toward the poison threshold. Its wake-up signal
/// (<see cref="QueueSignal"/>) is pulsed only when a NotifyVtex effect is dispatched from the outbox, which this host's
/// planner never does (the first attempt runs right after the commit, its retry message is queued with a delay), so
/// messages are found by the idle polls, at most 5 s apart.
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
