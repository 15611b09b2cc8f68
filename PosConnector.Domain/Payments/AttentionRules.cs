using System.Globalization;
using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>
/// Which payments an operator should look at, and since when. Pure: the state, its audit trail and "now" in,
/// reasons out. Conditions that resolve themselves in normal operation are listed only once they have lasted
/// <c>olderThan</c>; an abandoned callback is listed at once (nothing will retry it).
/// </summary>
public static class AttentionRules
{
    /// <summary>
    /// Only callback reasons and an unsettled remainder need the audit trail (the state does not record when a callback
    /// began or ended, nor when a settlement came).
    /// </summary>
    public static bool NeedsHistory(PaymentState state) =>
        state.Callback is CallbackStatus.Pending or CallbackStatus.Abandoned || state.UnsettledRemainder > 0;

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

        // VTEX keeps retrying a declined refund and gets the same 500 refund-declined: only an operator can return the money.
        foreach (var op in state.Operations.Where(o => o is { Kind: OperationKind.Refund, Status: OperationStatus.Failed }))
        {
            var command = state.FindCommand(op.CommandId!);
            yield return Item(state, AttentionReason.RefundDeclined, command?.IssuedAt ?? finalAt,
                $"Refund {op.RequestId} of {Money(op.Value)} was declined by terminal {command?.SerialNumber}; nothing was returned to the card. " +
                "Refund it at the acquirer, or start a new refund with the card present.");
        }

        // Later settlements (VTEX's Partial settlement mode) or a cancellation of the rest can still cover it.
        if (state.UnsettledRemainder is > 0 and var unsettled
            && (history.LastOrDefault(h => h.Event == SettlementEvent && !h.Note.StartsWith("Rejected", StringComparison.Ordinal))?.At ?? finalAt) is var settledAt
            && now - settledAt >= olderThan)
        {
            yield return Item(state, AttentionReason.UnsettledRemainder, settledAt,
                $"{Money(state.SettledAmount)} of {Money(state.Order.Value)} captured at the terminal is settled; {Money(unsettled)} is neither " +
                "settled nor returned and the customer still pays it. Settle or cancel it, or refund it at the acquirer.");
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
    private const string SettlementEvent = nameof(PaymentEvent.SettlementRequested);

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static bool IsFinal(PaymentPhase phase) => phase is PaymentPhase.Approved or PaymentPhase.Denied or PaymentPhase.Cancelled;

    private static AttentionItem Item(PaymentState state, AttentionReason why, DateTimeOffset since, string detail) =>
        new(state.PaymentId, state.Phase, why, since, detail);
}
