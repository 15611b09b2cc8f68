using System.Diagnostics;
using System.Net;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Domain.Terminals;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using PosConnector.VirtualTerminal;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// A terminal vendor's first hour (issue 18): on the local Storage Queue the virtual terminal leaves the commands of
/// serials it does not simulate for the vendor's own device or script, which receives the real command JSON and
/// answers it, while the virtual terminal goes on answering its own serials; <c>VirtualTerminal:Listen</c> prints both.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SharedCommandQueueTests(AzuriteFixture azurite)
{
    private const string Simulated = "SIM-1";
    private const string Vendor = "VENDOR-1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CommandForASerialNotSimulated_IsLeftForTheVendorsConsumer_WhileSimulatedOnesAreStillAnswered()
    {
        await using var callbacks = await CallbackReceiver.StartAsync();
        var prefix = TestEnvironment.UniquePrefix();
        await using var connector = await ConnectorApp.StartAsync(azurite.ConnectionString, prefix);
        using var client = new PppClient(connector.BaseUrl);
        var settings = TestSettings.VirtualTerminal(azurite.ConnectionString, prefix, connector.BaseUrl, Simulated);
        settings["VirtualTerminal:Listen"] = "true";
        await using var terminal = await VirtualTerminalApp.StartAsync(settings);
        var heard = new StringWriter();
        terminal.Services.GetRequiredService<CommandListener>().Output = TextWriter.Synchronized(heard);
        Assert.Equal(HttpStatusCode.OK, (await client.RegisterTerminalAsync(Vendor)).Status);
        var vendorPayment = await StartChargeAsync(client, callbacks, Vendor, 31.90m);
        var queued = Stopwatch.StartNew();

        var simulatedPayment = await StartChargeAsync(client, callbacks, Simulated, 12.34m);
        var simulatedCallback = await callbacks.WaitForAsync(simulatedPayment, Patience);
        var (text, dequeueCount) = await ReceiveAsVendorAsync(connector.Services.GetRequiredService<StorageClients>().TerminalCommands, vendorPayment);
        var command = PosConnectorJson.Deserialize<TerminalCommand>(text);
        var answered = await client.PostTerminalResultAsync(Vendor, Approval(command));
        var vendorCallback = await callbacks.WaitForAsync(vendorPayment, Patience);

        Assert.Equal("approved", (string?)simulatedCallback.Body["status"]);
        Assert.Equal((TerminalCommandType.Charge, $"{vendorPayment}-1", Vendor, 31.90m), (command.Type, command.CommandId, command.SerialNumber, command.Amount));
        Assert.Equal(PosConnectorJson.Serialize(command), text);
        // Left for us about once a second while it waited, never in a hot loop.
        Assert.True(dequeueCount <= 4 * queued.Elapsed.TotalSeconds + 4, $"Dequeued {dequeueCount} times in {queued.Elapsed}.");
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal("approved", (string?)vendorCallback.Body["status"]);
        var lines = heard.ToString();
        Assert.Contains($"--> charge for {Vendor} [left on the queue for your terminal] {text}", lines, StringComparison.Ordinal);
        Assert.Contains($"--> charge for {Simulated} [simulated here] {{\"commandId\":\"{simulatedPayment}-1\"", lines, StringComparison.Ordinal);
        Assert.Single(lines.Split('\n'), l => l.Contains($"{vendorPayment}-1", StringComparison.Ordinal));
    }

    private static async Task<string> StartChargeAsync(PppClient client, CallbackReceiver callbacks, string serial, decimal amount)
    {
        var id = Payments.NewId();
        var body = Payments.Create(id, amount, callbacks.CallbackUrlFor("TX", id));
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitSerialAsync(await client.CreatePaymentAsync(body), serial)).Status);
        await client.CreatePaymentAsync(body);
        return id;
    }

    /// <summary>What a vendor's script does (docs/terminal-integration.md): take its own serial's command, leave others.</summary>
    private static async Task<(string Text, long DequeueCount)> ReceiveAsVendorAsync(QueueClient queue, string paymentId)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Value)
            {
                var command = PosConnectorJson.Deserialize<TerminalCommand>(message.MessageText);
                if (command.SerialNumber != Vendor || command.PaymentId != paymentId)
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero,
                        cancellationToken: TestContext.Current.CancellationToken);
                    continue;
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
                return (message.MessageText, message.DequeueCount);
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The vendor never received the charge of {paymentId}.");
    }

    private static JObject Approval(TerminalCommand command) => new()
    {
        ["commandId"] = command.CommandId, ["paymentId"] = command.PaymentId, ["type"] = "charge", ["status"] = "approved",
        ["authorizationId"] = "AUT-V1", ["nsu"] = "N1", ["tid"] = "T1", ["acquirer"] = "Vendor Acquirer",
        ["cardBrand"] = "Visa", ["firstDigits"] = "411111", ["lastDigits"] = "1111", ["message"] = "approved on the vendor's device",
    };
}
