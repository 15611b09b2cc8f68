namespace PosConnector.Standalone.Workers;

/// <summary>
/// Wakes one queue's worker as soon as this process sent that queue a message, so the worker's idle polls can back off
/// far and still pick the message up at once. Messages from elsewhere (another instance) wait for the next poll.
/// </summary>
public sealed class QueueSignal : IDisposable
{
    /// <summary>The service key of the callbacks queue's signal.</summary>
    public const string Callbacks = "callbacks";

    /// <summary>The service key of the deadlines queue's signal.</summary>
    public const string Deadlines = "deadlines";

    // A queue's visibility delay is in whole seconds; waking a little after it finds the message visible.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _pulse = new(0, 1);

    public void Pulse()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pulsed and not yet consumed: one wake-up covers both messages (the worker receives in batches).
        }
        catch (ObjectDisposedException)
        {
            // Host stopping: the message is queued; a worker finds it on its next start.
        }
    }

    /// <summary>Pulses when a message sent now with visibility delay <paramref name="delay"/> becomes visible.</summary>
    public void PulseAfter(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Pulse();
            return;
        }

        _ = Task.Delay(delay + Margin).ContinueWith(_ => Pulse(), TaskScheduler.Default);
    }

    /// <summary>True when pulsed before <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pulse.WaitAsync(timeout, ct);

    public void Dispose() => _pulse.Dispose();
}
