namespace PosConnector.Core.Storage;

/// <summary>
/// What a commit wrote: its outbox rows, claimed by the writer, and the payment as saved (null when the store did not
/// return the new ETag; then the next writer reads it).
/// </summary>
public sealed record Commit(IReadOnlyList<OutboxEntry> Outbox, StoredPayment? Saved);
