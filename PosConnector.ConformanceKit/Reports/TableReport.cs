using System.Text;

namespace PosConnector.ConformanceKit.Reports;

/// <summary>The report a person reads: one line per check, then each failure with the exchange that showed it.</summary>
public static class TableReport
{
    public static string Render(RunReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"PosConnector conformance: {report.Target}");
        text.AppendLine($"terminal: {Describe(report.TerminalMode)} · callbacks: {report.Callbacks}");
        text.AppendLine();
        var width = Math.Max(5, report.Results.Select(r => r.Name.Length).DefaultIfEmpty(5).Max());
        text.AppendLine($"{"check".PadRight(width)}  result  time     detail");
        foreach (var result in report.Results)
        {
            var label = result.Outcome switch { Outcome.Pass => "pass", Outcome.Fail => "FAIL", _ => "skip" };
            var detail = result.Outcome == Outcome.Fail ? "see below" : result.Detail;
            text.AppendLine($"{result.Name.PadRight(width)}  {label,-6}  {result.Duration.TotalSeconds,5:0.0} s  {detail}".TrimEnd());
        }

        text.AppendLine();
        text.AppendLine($"{report.Count(Outcome.Pass)} passed, {report.Count(Outcome.Fail)} failed, {report.Count(Outcome.Skip)} skipped in {report.Duration.TotalSeconds:0} s");
        foreach (var failure in report.Results.Where(r => r.Outcome == Outcome.Fail))
        {
            text.AppendLine();
            text.AppendLine($"FAIL {failure.Name}: {failure.Detail}");
            text.AppendLine($"  enforces: {failure.Source}");
            if (failure.Exchange is { } exchange)
            {
                text.AppendLine($"  request:  {exchange.Method} {exchange.Url}");
                if (exchange.RequestBody is not null)
                {
                    text.AppendLine($"            {exchange.RequestBody}");
                }

                text.AppendLine($"  answer:   {exchange.Status} in {exchange.Elapsed.TotalMilliseconds:0} ms");
                text.AppendLine($"            {exchange.ResponseBody}");
            }
        }

        return text.ToString();
    }

    private static string Describe(TerminalMode mode) => mode switch
    {
        TerminalMode.Play => "played by the kit (signed results)",
        TerminalMode.Manual => "a person on a real terminal",
        _ => "none: terminal checks skipped",
    };
}
