namespace PosConnector.TestSupport;

/// <summary>One exported log record: its attributes, then the fields of its scopes.</summary>
public sealed record LoggedRecord(string Category, int EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields);
