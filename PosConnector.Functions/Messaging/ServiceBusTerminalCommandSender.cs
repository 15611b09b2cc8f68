using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using PosConnector.Core.Json;
using PosConnector.Core.Terminals;

namespace PosConnector.Functions.Messaging;

/// <summary>
/// Terminal commands on a Service Bus queue with sessions. SessionId = serial number, so each terminal receives its
/// own commands in order; MessageId = commandId, so a re-sent command (outbox replay) is dropped by duplicate
/// detection, and terminals act once per commandId anyway.
/// </summary>
public sealed class ServiceBusTerminalCommandSender(ServiceBusClient client, IOptions<ServiceBusOptions> options)
    : ITerminalCommandSender
{
    // Senders are meant to be long-lived; the client (a DI singleton) closes it when the host stops.
    private readonly ServiceBusSender sender = client.CreateSender(options.Value.TerminalCommandsQueue);

    public Task SendAsync(TerminalCommand command, CancellationToken ct) =>
        sender.SendMessageAsync(new ServiceBusMessage(PosConnectorJson.Serialize(command))
        {
            ContentType = "application/json",
            SessionId = command.SerialNumber,
            MessageId = command.CommandId,
            // The command type as the JSON body spells it ("charge", "abort"...), so a consumer can filter on it.
            Subject = command.Type.ToString().ToLowerInvariant(),
        }, ct);
}
