using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Effects;

/// <summary>A delayed message on the outbox queue: if dispatch after a commit never happened, this re-drives it.</summary>
public sealed class QueueOutboxReminder(StorageClients storage, IOptions<StorageOptions> options) : IOutboxReminder
{
    public async Task RemindAsync(string paymentId, CancellationToken ct) =>
        await storage.Outbox.SendMessageAsync(paymentId, options.Value.OutboxReminderDelay, cancellationToken: ct);
}
