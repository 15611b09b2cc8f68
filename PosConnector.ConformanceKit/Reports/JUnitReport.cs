using System.Globalization;
using System.Xml.Linq;

namespace PosConnector.ConformanceKit.Reports;

/// <summary>JUnit XML, which CI systems show as tests: one testcase per check, a failure with the exchange, skips as skipped.</summary>
public static class JUnitReport
{
    public static string Render(RunReport report)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "posconnector-conformance"),
            new XAttribute("tests", report.Results.Count),
            new XAttribute("failures", report.Count(Outcome.Fail)),
            new XAttribute("skipped", report.Count(Outcome.Skip)),
            new XAttribute("time", Seconds(report.Duration)),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)),
            new XElement("properties", new XElement("property", new XAttribute("name", "target"), new XAttribute("value", report.Target))),
            report.Results.Select(r => new XElement("testcase",
                new XAttribute("classname", "posconnector.conformance"),
                new XAttribute("name", r.Name),
                new XAttribute("time", Seconds(r.Duration)),
                r.Outcome switch
                {
                    Outcome.Fail => new XElement("failure", new XAttribute("message", r.Detail), $"{r.Detail}\nenforces: {r.Source}\n{r.Exchange}"),
                    Outcome.Skip => new XElement("skipped", new XAttribute("message", r.Detail)),
                    _ => null,
                },
                new XElement("system-out", $"enforces: {r.Source}"))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
