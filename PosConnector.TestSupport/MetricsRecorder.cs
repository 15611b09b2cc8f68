using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace PosConnector.TestSupport;

/// <summary>
/// Every measurement of the meters one service provider's <see cref="IMeterFactory"/> created, from now on. Meters of
/// other hosts in the process (parallel test classes) are not this factory's, so counts here are exact.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public MetricsRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>A meter factory of its own, for code under test built without a host.</summary>
    public static IMeterFactory NewFactory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>The sum of a counter's increments, optionally only those carrying <paramref name="tag"/>.</summary>
    public double Sum(string instrument, (string Key, string Value)? tag = null) =>
        Of(instrument).Where(m => tag is not { } t || Equals(m.Tags.GetValueOrDefault(t.Key), t.Value)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var fields = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            fields[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, fields));
    }
}
