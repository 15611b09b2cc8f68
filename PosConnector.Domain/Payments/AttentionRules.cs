using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>
/// Which payments an operator should look at, and since when. Pure: the state, its audit trail and "now" in,
/// reasons out. Conditions that resolve themselves in normal operation are listed only once they have lasted
/// <c>olderThan</c>; an abandoned callback is listed at once (nothing will retry it).
/// </summary>
public static class AttentionRules
{
    /// <summary>Only callback reasons need the audit trail (the state does not record when a callback began or ended).</summary>
    public static bool NeedsHistory(PaymentState state) => state.Callback is CallbackStatus.Pending or CallbackStatus.Abandoned;

    public static IEnumerable<AttentionItem> Assess(
        PaymentState state, IReadOnlyList<HistoryEntry> history, DateTimeOffset now, TimeSpan olderThan)
    {
        var finalAt = history.FirstOrDefault(h => h.To is { } to && IsFinal(to))?.At ?? state.CreatedAt;
        if (state.Callback == CallbackStatus.Abandoned)
        {
            var abandonedAt = history.LastOrDefault(h => h.Event == CallbackAbandonedEvent)?.At ?? finalAt;
            yield return Item(state, AttentionReason.CallbackAbandoned, abandonedAt,
                "VTEX never accepted the callback; it will not be retried. Check the payment's status on VTEX's side.");
        }

        if (state.Callback == CallbackStatus.Pending && now - finalAt >= olderThan)
        {
            yield return Item(state, AttentionReason.CallbackPending, finalAt, "The final status has not reached VTEX yet; retries continue until delayToCancel.");
        }

        if (!state.IsFinal && (state.Deadline ?? state.CreatedAt.AddSeconds(state.Terms.DelayToCancel)) is var due && now - due >= olderThan)
        {
            yield return Item(state, AttentionReason.PastDeadline, due, $"Still {state.Phase} after its deadline.");
        }

        foreach (var command in state.Commands.Where(c => c.Result is null && now - c.IssuedAt >= olderThan))
        {
            if (command.Type is TerminalCommandType.Void or TerminalCommandType.Refund)
            {
                var why = command.Type == TerminalCommandType.Void ? AttentionReason.VoidPending : AttentionReason.RefundPending;
                yield return Item(state, why, command.IssuedAt,
                    $"{command.Type} {command.CommandId} of {command.Amount:0.00} on terminal {command.SerialNumber} has no result yet.");
            }
        }
    }

    private const string CallbackAbandonedEvent = nameof(PaymentEvent.CallbackAbandoned);

    private static bool IsFinal(PaymentPhase phase) => phase is PaymentPhase.Approved or PaymentPhase.Denied or PaymentPhase.Cancelled;

    private static AttentionItem Item(PaymentState state, AttentionReason why, DateTimeOffset since, string detail) =>
        new(state.PaymentId, state.Phase, why, since, detail);
}
