using PosConnector.ConformanceKit;
using PosConnector.ConformanceKit.Reports;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// CI runs the conformance kit (posconnector-check) against the standalone host over loopback HTTP and Azurite, the way
/// a provider runs it against their sandbox, the kit playing the terminal: every check runs and passes. Then each check
/// is run again with exactly the rule it enforces broken on the wire (<see cref="KitFaults"/>) and must fail, so no
/// check is vacuous.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConformanceKitTests(StandaloneHostFixture host) : IClassFixture<StandaloneHostFixture>
{
    public static TheoryData<string> CheckNames => [.. CheckCatalog.All.Select(c => c.Name)];

    [Fact]
    public async Task Kit_AgainstTheStandaloneHost_PassesEveryCheck()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // VTEX's 5 s is for a deployment; this machine is shared with the rest of the suite, and tests assert no timing
        // goals (README, Benchmark), so here response-times only catches a hang.
        var options = Options("KIT-ALL", timeLimit: TimeSpan.FromSeconds(30));

        var report = await new ConformanceRunner(http, TimeProvider.System, Progress.Silent).RunAsync(options);

        TestContext.Current.TestOutputHelper?.WriteLine(TableReport.Render(report));
        Assert.All(report.Results, r => Assert.True(r.Outcome == Outcome.Pass, $"{r.Name}: {r.Outcome} {r.Detail} {r.Exchange}"));
        Assert.Equal(CheckCatalog.All.Select(c => c.Name), report.Results.Select(r => r.Name));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void Faults_CoverEveryCheck() =>
        Assert.Equal(CheckCatalog.All.Select(c => c.Name).Order(), KitFaults.ByCheck.Keys.Order());

    [Theory]
    [MemberData(nameof(CheckNames))]
    public async Task Check_WithItsRuleBrokenOnTheWire_Fails(string check)
    {
        using var http = new HttpClient(new FaultyHandler(KitFaults.ByCheck[check])) { Timeout = TimeSpan.FromSeconds(30) };
        var options = Options("KF-" + check);

        var report = await new ConformanceRunner(http, TimeProvider.System, Progress.Silent)
            .RunAsync(options, [.. CheckCatalog.All.Where(c => c.Name == check)]);

        var result = Assert.Single(report.Results);
        Assert.True(result.Outcome == Outcome.Fail, $"{check} did not catch its defect: {result.Outcome} {result.Detail}");
        Assert.DoesNotContain("unexpected", result.Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.ExitCode);
    }

    private KitOptions Options(string serial, TimeSpan? timeLimit = null) => new()
    {
        TimeLimit = timeLimit ?? TimeSpan.FromSeconds(5),
        Url = host.Connector.BaseUrl + "/api",
        AppKey = TestSettings.MerchantAppKey,
        AppToken = TestSettings.MerchantAppToken,
        MerchantName = TestSettings.MerchantName,
        AdminKey = TestSettings.AdminKey,
        TerminalSerial = serial,
        TerminalSecret = TestSettings.SecretFor(serial),
        RegisterTerminal = true,
    };
}
