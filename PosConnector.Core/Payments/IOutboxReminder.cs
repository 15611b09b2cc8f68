namespace PosConnector.Core.Payments;

/// <summary>
/// Asks, before a commit, for the payment's outbox to be drained later. If the process dies between
/// commit and dispatch, the reminder re-drives the effects; if the commit lost, the reminder finds nothing.
/// </summary>
public interface IOutboxReminder
{
    Task RemindAsync(string paymentId, CancellationToken ct);
}
