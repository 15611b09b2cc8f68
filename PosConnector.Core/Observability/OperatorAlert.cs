namespace PosConnector.Core.Observability;

/// <summary>
/// One alert rule: log event <paramref name="EventId"/>, narrowed to <c>Note</c>s matching
/// <paramref name="NotePattern"/> (a regular expression) and not <paramref name="ExcludedNotePattern"/> when set.
/// <paramref name="Severity"/> is Azure Monitor's (0 critical to 4 verbose).
/// </summary>
public sealed record OperatorAlert(
    string Name, int Severity, int EventId, string? NotePattern = null, string? ExcludedNotePattern = null);
