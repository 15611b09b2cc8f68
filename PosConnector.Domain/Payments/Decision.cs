namespace PosConnector.Domain.Payments;

/// <summary>The decider's answer: the new state, what to do, and what to record in the audit trail.</summary>
public sealed record Decision(
    PaymentState? State,
    IReadOnlyList<PaymentEffect> Effects,
    IReadOnlyList<HistoryEntry> Recorded,
    DecisionOutcome Outcome,
    Rejection? Rejection = null)
{
    /// <summary>True when something must be persisted (a change, or a rejection for the audit trail).</summary>
    public bool MustPersist => Outcome != DecisionOutcome.Unchanged && State is not null;
}

public enum DecisionOutcome
{
    Changed,

    /// <summary>A repeat or an input with nothing to do: nothing to store, nothing to dispatch.</summary>
    Unchanged,

    /// <summary>Refused by a payment rule; the state is unchanged, the refusal is recorded.</summary>
    Rejected,
}

/// <summary>
/// Why an input was refused: a stable code and a message for the caller. <see cref="BadInput"/>: the request can never
/// succeed as sent (answered 400 in the PPP error shape, not the operation's retryable failure).
/// </summary>
public sealed record Rejection(string Code, string Message, bool BadInput = false);
