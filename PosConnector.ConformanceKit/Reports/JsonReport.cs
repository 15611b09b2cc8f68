using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit.Reports;

/// <summary>The report a machine reads: the run and every check with its outcome, source and failing exchange.</summary>
public static class JsonReport
{
    public static string Render(RunReport report) => new JObject
    {
        ["target"] = report.Target,
        ["startedAt"] = report.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["durationSeconds"] = Math.Round(report.Duration.TotalSeconds, 1),
        ["terminal"] = report.TerminalMode.ToString().ToLowerInvariant(),
        ["callbacks"] = report.Callbacks,
        ["passed"] = report.Count(Outcome.Pass),
        ["failed"] = report.Count(Outcome.Fail),
        ["skipped"] = report.Count(Outcome.Skip),
        ["exitCode"] = report.ExitCode,
        ["checks"] = new JArray(report.Results.Select(r => new JObject
        {
            ["name"] = r.Name,
            ["outcome"] = r.Outcome.ToString().ToLowerInvariant(),
            ["source"] = r.Source,
            ["detail"] = r.Detail,
            ["durationSeconds"] = Math.Round(r.Duration.TotalSeconds, 2),
            ["exchange"] = r.Exchange is null ? null : JObject.FromObject(new
            {
                method = r.Exchange.Method, url = r.Exchange.Url, requestBody = r.Exchange.RequestBody,
                status = r.Exchange.Status, responseBody = r.Exchange.ResponseBody, elapsedMs = Math.Round(r.Exchange.Elapsed.TotalMilliseconds),
            }),
        })),
    }.ToString(Formatting.Indented);
}
