using Azure.Storage.Queues;
using PosConnector.Core.Storage;
using PosConnector.Functions.Messaging;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// Puts a payment id on the wakeup queue; WakeFunctions.WakePayment then starts or nudges its orchestration.
/// A queue sits in between because a DurableTaskClient exists only as a [DurableClient] binding of a function,
/// never inside Core's engine. Extra wakeups are harmless: the orchestrator re-reads the table every turn.
/// </summary>
public sealed class PaymentWakeups(StorageClients storage)
{
    // Same account, credential and service version as Core's queues (see StorageClients).
    public QueueClient Queue { get; } = storage.Queue(QueueNames.Wakeups);

    public async Task WakeAsync(string paymentId, CancellationToken ct) =>
        await Queue.SendMessageAsync(paymentId, ct);
}
