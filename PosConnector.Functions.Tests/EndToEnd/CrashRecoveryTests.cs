using PosConnector.Functions.Tests.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.EndToEnd;

/// <summary>The connector process is killed mid-payment and started again: nothing is lost or done twice.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HostKilledAfterTheChargeWasSent_RestartedHostCompletesThePaymentWithOneCallback()
    {
        var prefix = TestEnvironment.UniquePrefix();
        var port = TestEnvironment.FreeTcpPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var settings = TestSettings.Connector(azurite.ConnectionString, prefix, baseUrl);
        settings["Payments:TerminalTimeoutSeconds"] = "25";
        var terminalSettings = TestSettings.VirtualTerminal(azurite.ConnectionString, prefix, baseUrl, "CRASH-1");
        terminalSettings["VirtualTerminal:AnswerDelay"] = "00:00:02";
        await using var callbacks = await CallbackReceiver.StartAsync();
        using var client = new PppClient(baseUrl);
        var id = Payments.NewId();
        var body = Payments.Create(id, 64.50m, callbacks.CallbackUrlFor("TX9", id));

        var first = ConnectorProcess.StartAsync(settings, port);
        using (var connector = await first)
        {
            await client.RegisterTerminalAsync("CRASH-1");
            await using var terminal = await VirtualTerminalApp.StartAsync(terminalSettings);
            var answer = await client.CreatePaymentAsync(body);
            await client.SubmitSerialAsync(answer, "CRASH-1");
            var waiting = await client.CreatePaymentAsync(body);
            Assert.Equal("vtex.challenge-wait-for-confirmation", (string?)waiting.Json["paymentAppData"]!["appName"]);

            connector.Kill();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Empty(callbacks.For(id));

            using var restarted = await ConnectorProcess.StartAsync(settings, port);
            var callback = await callbacks.WaitForAsync(id, TimeSpan.FromSeconds(30));
            var view = await client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

            Assert.Equal("approved", (string?)callback.Body["status"]);
            Assert.Single(callbacks.For(id));
            Assert.Equal("approved", (string?)view["status"]);
            Assert.Single(view["state"]!["commands"]!, c => (string?)c["type"] == "charge");
            Assert.Equal("approved", (string?)(await client.CreatePaymentAsync(body)).Json["status"]);
        }
    }
}
