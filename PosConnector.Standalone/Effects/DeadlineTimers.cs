using System.Collections.Concurrent;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Effects;

/// <summary>
/// The deadline message this process scheduled for each payment, so the writer that ends the payment first deletes it
/// (one request) instead of letting it fire (a receive, a read and a delete). A payment that ends on another instance
/// or after a restart lets its message fire: the deadline worker finds nothing to do.
/// </summary>
public sealed class DeadlineTimers(TimeProvider time)
{
    // Entries normally leave when the payment ends here or its deadline fires here; past this many, stale ones are pruned.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, (Task<SentMessage?> Message, DateTimeOffset Due)> _pending = new(StringComparer.Ordinal);

    /// <summary><paramref name="message"/> may still be moving to its due time; null if the move failed.</summary>
    public void Remember(string paymentId, Task<SentMessage?> message, DateTimeOffset due)
    {
        _pending[paymentId] = (message, due);
        if (_pending.Count > PruneAbove)
        {
            var now = time.GetUtcNow();
            foreach (var stale in _pending.Where(p => p.Value.Due < now))
            {
                _pending.TryRemove(stale);
            }
        }
    }

    /// <summary>Takes the payment's message out, to delete it; null if this process holds none.</summary>
    public Task<SentMessage?>? Take(string paymentId) => _pending.TryRemove(paymentId, out var entry) ? entry.Message : null;

    /// <summary>The message was received by a worker, so its receipt changed.</summary>
    public void Forget(string paymentId) => _pending.TryRemove(paymentId, out _);
}
