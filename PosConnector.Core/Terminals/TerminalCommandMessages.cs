using Azure.Messaging.ServiceBus;
using Newtonsoft.Json;
using PosConnector.Core.Json;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>
/// A terminal command as a Service Bus message, both ways: the connector sends with <see cref="ToMessage"/>, a
/// terminal bridge reads with <see cref="TryRead"/>. The body is the command's JSON (the same as on the Storage
/// Queue); the broker properties repeat what a bridge routes and deduplicates on.
/// </summary>
public static class TerminalCommandMessages
{
    public const string ContentType = "application/json";

    /// <summary>
    /// SessionId = serial number: the terminal's commands arrive in order, to the one bridge holding its session.
    /// MessageId = commandId: duplicate detection drops a re-sent command (outbox replay).
    /// Subject = the type as the JSON spells it ("charge", "abort"...), for subscription filters and dashboards.
    /// </summary>
    public static ServiceBusMessage ToMessage(TerminalCommand command) => new(PosConnectorJson.Serialize(command))
    {
        ContentType = ContentType,
        SessionId = command.SerialNumber,
        MessageId = command.CommandId,
        Subject = command.Type.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The command in <paramref name="message"/>, or null with a reason when the body is not a command or does not
    /// match the message's session and id (then nothing must act on it: dead-letter it).
    /// </summary>
    public static TerminalCommand? TryRead(ServiceBusReceivedMessage message, out string? problem)
    {
        TerminalCommand? command;
        try
        {
            command = PosConnectorJson.Deserialize<TerminalCommand>(message.Body.ToString());
        }
        catch (JsonException)
        {
            command = null;
        }

        problem = command switch
        {
            null or { CommandId: null or "" } or { SerialNumber: null or "" } => "The body is not a terminal command.",
            _ when command.SerialNumber != message.SessionId =>
                $"The command is for terminal '{command.SerialNumber}' but arrived in session '{message.SessionId}'.",
            _ when command.CommandId != message.MessageId =>
                $"The command id '{command.CommandId}' differs from the message id '{message.MessageId}'.",
            _ => null,
        };
        return problem is null ? command : null;
    }
}
