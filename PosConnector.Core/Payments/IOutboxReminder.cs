using PosConnector.Core.Storage;

namespace PosConnector.Core.Payments;

/// <summary>
/// Asks, before a commit, for the payment's outbox to be drained later. If the process dies between
/// commit and dispatch, the reminder re-drives the effects; if the commit lost, the reminder finds nothing.
/// </summary>
public interface IOutboxReminder
{
    Task RemindAsync(string paymentId, CancellationToken ct);

    /// <summary>
    /// Like <see cref="RemindAsync"/>, and returns the queued message so the planner can delete it once every effect
    /// went out (left alone, it would fire and find nothing owed). A reminder that is not a queue message returns null:
    /// it stays, which is always safe.
    /// </summary>
    async Task<SentMessage?> SendAsync(string paymentId, CancellationToken ct)
    {
        await RemindAsync(paymentId, ct);
        return null;
    }
}
