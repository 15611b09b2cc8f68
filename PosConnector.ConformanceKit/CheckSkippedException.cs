namespace PosConnector.ConformanceKit;

/// <summary>A check cannot run with what it was given (no terminal, no reachable callback receiver); the reason is reported.</summary>
public sealed class CheckSkippedException(string reason) : Exception(reason);
