using Azure.Messaging.ServiceBus;
using PosConnector.Core.Json;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>A terminal command as a Service Bus message, both ways.</summary>
public sealed class TerminalCommandMessagesTests
{
    [Fact]
    public void ToMessage_Command_CarriesSessionMessageIdSubjectAndTheJsonBody()
    {
        var command = TerminalCommands.Of(TerminalCommandType.Abort, "P-1", "VT-0001", number: 2);

        var message = TerminalCommandMessages.ToMessage(command);

        Assert.Equal("VT-0001", message.SessionId);
        Assert.Equal("P-1-2", message.MessageId);
        Assert.Equal("abort", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(command, PosConnectorJson.Deserialize<TerminalCommand>(message.Body.ToString()));
    }

    [Fact]
    public void TryRead_MessageAsSent_ReturnsTheSameCommand()
    {
        var command = TerminalCommands.Charge("P-2", "VT-0002");

        var read = TerminalCommandMessages.TryRead(Received(TerminalCommandMessages.ToMessage(command)), out var problem);

        Assert.Null(problem);
        Assert.Equal(command, read);
    }

    [Theory]
    [InlineData("not json", "VT-0001", "P-3-1", "not a terminal command")]
    [InlineData("{}", "VT-0001", "P-3-1", "not a terminal command")]
    [InlineData(null, "VT-0009", "P-3-1", "arrived in session 'VT-0009'")]
    [InlineData(null, "VT-0001", "P-3-7", "differs from the message id 'P-3-7'")]
    public void TryRead_BodyDisagreesOrIsNoCommand_ReturnsNullWithTheReason(string? body, string sessionId, string messageId, string reason)
    {
        var json = body ?? PosConnectorJson.Serialize(TerminalCommands.Charge("P-3", "VT-0001"));
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(json), messageId: messageId, sessionId: sessionId);

        var read = TerminalCommandMessages.TryRead(message, out var problem);

        Assert.Null(read);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    private static ServiceBusReceivedMessage Received(ServiceBusMessage sent) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body, messageId: sent.MessageId, sessionId: sent.SessionId, subject: sent.Subject, contentType: sent.ContentType);
}
