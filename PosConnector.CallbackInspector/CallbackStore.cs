namespace PosConnector.CallbackInspector;

/// <summary>The most recent callbacks, newest first (bounded: a dev tool must not grow forever).</summary>
public sealed class CallbackStore
{
    private const int Kept = 200;
    private readonly Lock _gate = new();
    private readonly LinkedList<ReceivedCallback> _callbacks = new();

    public void Add(ReceivedCallback callback)
    {
        lock (_gate)
        {
            _callbacks.AddFirst(callback);
            if (_callbacks.Count > Kept)
            {
                _callbacks.RemoveLast();
            }
        }
    }

    public IReadOnlyList<ReceivedCallback> List(string? paymentId)
    {
        lock (_gate)
        {
            return [.. _callbacks.Where(c => string.IsNullOrEmpty(paymentId) || c.PaymentId == paymentId)];
        }
    }
}
