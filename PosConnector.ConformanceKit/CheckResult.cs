namespace PosConnector.ConformanceKit;

/// <summary>What one check found: its outcome, why, and for a failure the exchange that showed it.</summary>
public sealed record CheckResult(string Name, string Source, Outcome Outcome, string Detail, Exchange? Exchange, TimeSpan Duration);
