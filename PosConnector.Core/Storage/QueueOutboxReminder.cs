using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// The reminder both hosts use: a delayed message (the paymentId) on the outbox queue. If dispatch after a
/// commit never happened, the outbox worker (standalone) or queue trigger (Functions) re-drives it.
/// </summary>
public sealed class QueueOutboxReminder(StorageClients storage, IOptions<StorageOptions> options) : IOutboxReminder
{
    public async Task RemindAsync(string paymentId, CancellationToken ct) =>
        await storage.Outbox.SendMessageAsync(paymentId, options.Value.OutboxReminderDelay, cancellationToken: ct);
}
