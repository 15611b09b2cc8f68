using PosConnector.ConformanceKit;
using PosConnector.ConformanceKit.Reports;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// CI runs the conformance kit (posconnector-check) against the standalone host, over loopback HTTP and Azurite, the way
/// a provider runs it against their sandbox: every check must run and pass, the kit playing the terminal.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConformanceKitTests(AzuriteFixture azurite)
{
    private const string KitTerminal = "KIT-1";

    [Fact]
    public async Task Kit_AgainstTheStandaloneHost_PassesEveryCheck()
    {
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, TestEnvironment.UniquePrefix());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var options = new KitOptions
        {
            Url = connector.BaseUrl + "/api",
            AppKey = TestSettings.MerchantAppKey,
            AppToken = TestSettings.MerchantAppToken,
            MerchantName = TestSettings.MerchantName,
            AdminKey = TestSettings.AdminKey,
            TerminalSerial = KitTerminal,
            TerminalSecret = TestSettings.SecretFor(KitTerminal),
            RegisterTerminal = true,
        };

        var report = await new ConformanceRunner(http, TimeProvider.System, Progress.Silent).RunAsync(options);
        TestContext.Current.TestOutputHelper?.WriteLine(TableReport.Render(report));

        Assert.All(report.Results, r => Assert.True(r.Outcome == Outcome.Pass, $"{r.Name}: {r.Outcome} {r.Detail} {r.Exchange}"));
        Assert.Equal(CheckCatalog.All.Select(c => c.Name), report.Results.Select(r => r.Name));
        Assert.Equal(0, report.ExitCode);
    }
}
