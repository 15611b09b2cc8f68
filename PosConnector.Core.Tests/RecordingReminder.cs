using PosConnector.Core.Payments;

namespace PosConnector.Core.Tests;

/// <summary>An outbox reminder that records which payments it was asked to remind, instead of queuing a message.</summary>
internal sealed class RecordingReminder : IOutboxReminder
{
    public List<string> Reminded { get; } = [];

    public Task RemindAsync(string paymentId, CancellationToken ct)
    {
        Reminded.Add(paymentId);
        return Task.CompletedTask;
    }
}
