using System.Collections.Concurrent;

namespace PosConnector.Core.Vtex;

/// <summary>
/// Callbacks VTEX answered with a 2xx that this process has not recorded yet (storage failed right after the answer).
/// While the process lives, no attempt posts them again: the next attempt only records the delivery. Only a process
/// that dies between VTEX's answer and the record can post one twice (the same body).
/// </summary>
public sealed class DeliveredCallbacks
{
    private readonly ConcurrentDictionary<string, int> _unrecorded = new(StringComparer.Ordinal);

    /// <summary>VTEX answered 2xx to <paramref name="attempt"/>.</summary>
    public void Remember(string paymentId, int attempt) => _unrecorded.TryAdd(paymentId, attempt);

    /// <summary>The attempt VTEX answered 2xx to, if that is not recorded yet.</summary>
    public int? Unrecorded(string paymentId) => _unrecorded.TryGetValue(paymentId, out var attempt) ? attempt : null;

    public void Recorded(string paymentId) => _unrecorded.TryRemove(paymentId, out _);
}
