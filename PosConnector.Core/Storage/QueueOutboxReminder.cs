using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// The Functions host's reminder (through <see cref="ReminderEffectPlanner"/>): a delayed message (the paymentId) on the
/// outbox queue, which the outbox queue trigger turns into a drain. The standalone planner queues its own reminders.
/// </summary>
public sealed class QueueOutboxReminder(StorageClients storage, IOptions<StorageOptions> options) : IOutboxReminder
{
    public Task RemindAsync(string paymentId, CancellationToken ct) => SendAsync(paymentId, ct);

    public async Task<SentMessage?> SendAsync(string paymentId, CancellationToken ct) =>
        await SentMessage.SendAsync(storage.Outbox, paymentId, options.Value.OutboxReminderDelay, ct);
}
