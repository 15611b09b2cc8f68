using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using PosConnector.Core.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Core.Tests.Integration;

/// <summary>
/// The connector's Service Bus sender against an unreachable broker on loopback: the send gives up within
/// ServiceBus:SendTimeout instead of holding the request for the client's own timeouts (measured here: 14 s with a
/// 1 s TryTimeout and one retry, minutes with the SDK defaults), and the failure is one the outbox retries.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServiceBusFailFastTests
{
    // Generous for a loaded machine, yet well below what the client alone takes against a silent broker.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task SendAsync_BrokerAcceptsButNeverAnswers_GivesUpAfterTheSendTimeout()
    {
        await using var broker = new SilentTcpListener();
        var options = new ServiceBusOptions { ConnectionString = broker.ServiceBusConnectionString };

        var (error, elapsed) = await SendOnceAsync(options);

        Assert.IsType<TimeoutException>(error);
        Assert.Contains("P-FAST-1", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed >= options.SendTimeout - TimeSpan.FromMilliseconds(50), $"Gave up after {elapsed.TotalMilliseconds:F0} ms.");
        Assert.True(elapsed < Bound, $"The send took {elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task SendAsync_NothingListens_FailsWithinTheBound()
    {
        var options = new ServiceBusOptions { ConnectionString = SilentTcpListener.ServiceBusConnectionStringFor(TestEnvironment.FreeTcpPort()) };

        var (error, elapsed) = await SendOnceAsync(options);

        Assert.True(error is ServiceBusException or TimeoutException, $"Unexpected {error.GetType().Name}: {error.Message}");
        Assert.True(elapsed < Bound, $"The send took {elapsed.TotalSeconds:F1} s.");
    }

    private static async Task<(Exception Error, TimeSpan Elapsed)> SendOnceAsync(ServiceBusOptions options)
    {
        await using var client = ServiceBusClientFactory.CreateSenderClient(options);
        var sender = new ServiceBusTerminalCommandSender(client, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        var stopwatch = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => sender.SendAsync(TerminalCommands.Charge("P-FAST", "T-FAST"), TestContext.Current.CancellationToken));
        stopwatch.Stop();
        Assert.NotNull(error);
        return (error, stopwatch.Elapsed);
    }
}
