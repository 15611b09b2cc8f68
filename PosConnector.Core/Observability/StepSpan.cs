using System.Diagnostics;

namespace PosConnector.Core.Observability;

/// <summary>A step's span and whether this caller started it (and so ends it).</summary>
public readonly record struct StepSpan(Activity? Activity, bool Owned) : IDisposable
{
    public void Dispose()
    {
        if (Owned)
        {
            Activity?.Dispose();
        }
    }
}
