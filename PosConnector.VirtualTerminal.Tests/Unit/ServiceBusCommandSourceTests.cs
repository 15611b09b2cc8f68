using Azure.Messaging.ServiceBus;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.VirtualTerminal.Tests.Unit;

/// <summary>The reference Service Bus bridge's rules (its receive loop needs a broker, which this machine does not have).</summary>
public sealed class ServiceBusCommandSourceTests
{
    [Fact]
    public void ProcessorOptions_Serials_AcceptsOnlyThoseSessionsAndSettlesByHand()
    {
        var options = ServiceBusCommandSource.ProcessorOptions(["VT-0001", "VT-0002"]);

        Assert.Equal(["VT-0001", "VT-0002"], options.SessionIds);
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(ServiceBusReceiveMode.PeekLock, options.ReceiveMode);
        Assert.Equal(2, options.MaxConcurrentSessions);
        Assert.True(options.MaxConcurrentCallsPerSession > 1, "An abort must reach a terminal whose charge is still pending.");
        Assert.True(options.MaxAutoLockRenewalDuration >= TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData(TerminalCommandType.Charge, 149, false)]
    [InlineData(TerminalCommandType.Charge, 150, true)]
    [InlineData(TerminalCommandType.Abort, 400, false)]
    [InlineData(TerminalCommandType.Void, 400, false)]
    [InlineData(TerminalCommandType.Refund, 400, false)]
    public void IsStaleCharge_AfterSeconds_SkipsOnlyChargesPastTheirDeadline(TerminalCommandType type, int seconds, bool stale)
    {
        var command = TerminalCommands.Of(type, "P-4", "VT-0001");

        Assert.Equal(stale, ServiceBusCommandSource.IsStaleCharge(command, TerminalCommands.IssuedAt.AddSeconds(seconds)));
    }
}
