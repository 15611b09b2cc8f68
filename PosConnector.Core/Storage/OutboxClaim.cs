namespace PosConnector.Core.Storage;

/// <summary>
/// Who may dispatch a payment's outbox rows, and until when. The committing writer claims its rows in the commit
/// itself; a drainer claims them with the rows' ETags. A crashed holder's claim lapses at <see cref="Until"/>.
/// </summary>
public sealed record OutboxClaim(string Owner, DateTimeOffset Until)
{
    public static OutboxClaim New(DateTimeOffset now, TimeSpan duration) => new(Guid.NewGuid().ToString("N"), now + duration);
}
