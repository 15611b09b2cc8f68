namespace PosConnector.Domain.Payments;

/// <summary>One line of a payment's audit trail: what happened, from which phase to which, and why.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Event, PaymentPhase? From, PaymentPhase? To, string Note);
