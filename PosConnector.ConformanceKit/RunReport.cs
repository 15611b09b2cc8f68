namespace PosConnector.ConformanceKit;

/// <summary>One run against one deployment.</summary>
public sealed record RunReport(string Target, DateTimeOffset StartedAt, TimeSpan Duration, TerminalMode TerminalMode, string Callbacks, IReadOnlyList<CheckResult> Results)
{
    public int Count(Outcome outcome) => Results.Count(r => r.Outcome == outcome);

    /// <summary>0 only when every check that ran passed (skips do not fail a run, and are reported as skips).</summary>
    public int ExitCode => Results.Any(r => r.Outcome == Outcome.Fail) ? 1 : 0;
}
