using System.Xml.Linq;
using Newtonsoft.Json.Linq;
using PosConnector.ConformanceKit.Reports;
using Xunit;

namespace PosConnector.ConformanceKit.Tests.Unit;

public sealed class ReportTests
{
    private static readonly Exchange Slow = new("GET", "https://c.example.com/api/manifest", null, 200, "{}", TimeSpan.FromSeconds(6));

    private static RunReport Report(params CheckResult[] results) =>
        new("https://c.example.com", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(9), TerminalMode.Play, "received", results);

    private static CheckResult Result(string name, Outcome outcome, string detail = "", Exchange? exchange = null) =>
        new(name, "OAS", outcome, detail, exchange, TimeSpan.FromMilliseconds(20));

    [Fact]
    public void ExitCode_OnlyPassesAndSkips_IsZero() =>
        Assert.Equal(0, Report(Result("a", Outcome.Pass), Result("b", Outcome.Skip, "no terminal")).ExitCode);

    [Fact]
    public void ExitCode_OneFailure_IsOne() =>
        Assert.Equal(1, Report(Result("a", Outcome.Pass), Result("b", Outcome.Fail, "slow", Slow)).ExitCode);

    [Fact]
    public void Table_Failure_ShowsTheFailingExchangeAndItsSource()
    {
        var table = TableReport.Render(Report(Result("response-times", Outcome.Fail, "took 6 s", Slow)));

        Assert.Contains("FAIL response-times: took 6 s", table, StringComparison.Ordinal);
        Assert.Contains("enforces: OAS", table, StringComparison.Ordinal);
        Assert.Contains("GET https://c.example.com/api/manifest", table, StringComparison.Ordinal);
        Assert.Contains("0 passed, 1 failed, 0 skipped", table, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_EachOutcome_IsATestcaseCiUnderstands()
    {
        var xml = XDocument.Parse(JUnitReport.Render(Report(Result("a", Outcome.Pass), Result("b", Outcome.Fail, "bad", Slow), Result("c", Outcome.Skip, "no terminal"))));

        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal(("3", "1", "1"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("skipped")));
        Assert.Equal("bad", (string?)suite.Elements("testcase").Single(t => (string?)t.Attribute("name") == "b").Element("failure")!.Attribute("message"));
        Assert.NotNull(suite.Elements("testcase").Single(t => (string?)t.Attribute("name") == "c").Element("skipped"));
    }

    [Fact]
    public void Json_Run_CarriesOutcomesAndTheExitCode()
    {
        var json = JObject.Parse(JsonReport.Render(Report(Result("a", Outcome.Pass), Result("b", Outcome.Fail, "bad", Slow))));

        Assert.Equal((1, 1, 1), ((int)json["passed"]!, (int)json["failed"]!, (int)json["exitCode"]!));
        Assert.Equal("fail", (string?)json["checks"]![1]!["outcome"]);
        Assert.Equal(200, (int)json["checks"]![1]!["exchange"]!["status"]!);
    }
}
