using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PosConnector.TestSupport;

/// <summary>
/// What a host's own OpenTelemetry setup exports, kept in memory: spans and metrics through the in-memory exporter, log
/// records as snapshots (the SDK reuses a record once exported). Added to the host's services before it is built, so
/// the host's sources, meters and log filters decide what arrives, exactly as with a real exporter. Its providers
/// listen process-wide: tests pick their payment's spans by <c>payment.id</c> or trace id.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();
    private readonly LockedCollection<LoggedRecord> _logs = new();

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    public IReadOnlyList<LoggedRecord> Logs => _logs.Snapshot();

    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
        services.ConfigureOpenTelemetryLoggerProvider(l => l.AddProcessor(new SnapshotProcessor(_logs)));
        return services;
    }

    /// <summary>The metrics exported so far, after making the host's meter provider export what it holds.</summary>
    public IReadOnlyList<MetricSnapshot> MetricsOf(IServiceProvider host)
    {
        host.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.Snapshot();
    }

    /// <summary>The providers start with the host; a bare service provider (the Functions harness) starts them here.</summary>
    public static void Start(IServiceProvider services)
    {
        _ = services.GetRequiredService<TracerProvider>();
        _ = services.GetRequiredService<MeterProvider>();
        _ = services.GetRequiredService<LoggerProvider>();
    }

    private sealed class SnapshotProcessor(LockedCollection<LoggedRecord> logs) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var fields = new List<KeyValuePair<string, object?>>(data.Attributes ?? []);
            data.ForEachScope((scope, list) =>
            {
                foreach (var field in scope)
                {
                    list.Add(field);
                }
            }, fields);
            logs.Add(new LoggedRecord(data.CategoryName ?? "", data.EventId.Id, data.FormattedMessage ?? data.Body ?? "", fields));
        }
    }
}
