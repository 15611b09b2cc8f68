using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>
/// Terminal commands on a Service Bus queue with sessions (<see cref="TerminalCommandMessages.ToMessage"/>): each
/// terminal receives its own commands in order; a re-sent command is dropped by duplicate detection, and terminals
/// act once per commandId anyway.
/// </summary>
public sealed class ServiceBusTerminalCommandSender(ServiceBusClient client, IOptions<ServiceBusOptions> options, TimeProvider time)
    : ITerminalCommandSender
{
    // Senders are meant to be long-lived; the client (a DI singleton) closes it when the host stops.
    private readonly ServiceBusSender sender = client.CreateSender(options.Value.TerminalCommandsQueue);

    /// <summary>
    /// Waits at most <see cref="ServiceBusOptions.SendTimeout"/>, then throws <see cref="TimeoutException"/>: the
    /// caller's outbox keeps the command. The client cannot be cut shorter itself (it allows about 5 s more than
    /// TryTimeout to open a connection and ignores cancellation meanwhile), so the send may still finish later;
    /// the outbox's re-send then carries the same MessageId and Service Bus drops it.
    /// </summary>
    public async Task SendAsync(TerminalCommand command, CancellationToken ct)
    {
        var send = sender.SendMessageAsync(TerminalCommandMessages.ToMessage(command), ct);
        try
        {
            await send.WaitAsync(options.Value.SendTimeout, time, ct);
        }
        catch (TimeoutException)
        {
            // Observe the abandoned send's outcome so its failure is not an unobserved task exception.
            _ = send.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException(
                $"Service Bus did not accept command {command.CommandId} within {options.Value.SendTimeout.TotalSeconds:0.###} s; the outbox sends it again.");
        }
    }
}
