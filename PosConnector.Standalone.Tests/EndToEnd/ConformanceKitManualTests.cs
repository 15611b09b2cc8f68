using PosConnector.ConformanceKit;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// The kit's --manual mode: it tells a person what to do on the terminal and waits for the outcome as the wait app does.
/// The virtual terminal stands in for the person (it approves an amount ending in 00 by itself).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConformanceKitManualTests(ConnectorWorld world) : IClassFixture<ConnectorWorld>
{
    [Fact]
    public async Task Kit_Manual_AsksThePersonWaitsForTheApprovalAndSkipsWhatOnlyAPlayedTerminalCanDo()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var said = new StringWriter();
        var options = new KitOptions
        {
            Url = world.Connector.BaseUrl,
            AppKey = TestSettings.MerchantAppKey,
            AppToken = TestSettings.MerchantAppToken,
            MerchantName = TestSettings.MerchantName,
            AdminKey = TestSettings.AdminKey,
            TerminalSerial = ConnectorWorld.Terminal,
            Manual = true,
            Only = ["pos-wait-app", "pos-approved", "pos-timeout"],
        };

        var report = await new ConformanceRunner(http, TimeProvider.System, new Progress(said, false, TimeProvider.System)).RunAsync(options);

        Assert.Equal([Outcome.Pass, Outcome.Pass, Outcome.Skip], report.Results.Select(r => r.Outcome));
        Assert.Contains($"ACTION: pay 1.00 on terminal {ConnectorWorld.Terminal}", said.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
    }
}
