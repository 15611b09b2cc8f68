using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Standalone.Workers;

namespace PosConnector.Standalone.Effects;

/// <summary>The queue reminder, waking this host's outbox worker when the reminder comes due.</summary>
public sealed class SignallingOutboxReminder(
    QueueOutboxReminder reminder, IOptions<StorageOptions> options, [FromKeyedServices(QueueSignal.Outbox)] QueueSignal wake)
    : IOutboxReminder
{
    public async Task RemindAsync(string paymentId, CancellationToken ct)
    {
        await reminder.RemindAsync(paymentId, ct);
        wake.PulseAfter(options.Value.OutboxReminderDelay);
    }
}
