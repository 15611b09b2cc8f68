namespace PosConnector.TestSupport;

/// <summary>One measurement: its instrument, value and tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
