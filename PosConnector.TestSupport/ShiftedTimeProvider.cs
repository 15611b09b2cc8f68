namespace PosConnector.TestSupport;

/// <summary>
/// Real time plus an offset a test can move forward: timers and delays still run at real speed (queues, HTTP),
/// but "now" can jump past a payment's delayToCancel without waiting ten minutes.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
