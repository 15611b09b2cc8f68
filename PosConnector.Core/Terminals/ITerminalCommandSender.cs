using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>
/// Puts a command on the terminals' channel, which Terminals:Transport chooses on either host: a Storage Queue
/// (<see cref="StorageQueueTerminalCommandSender"/>, the default, local runs) or a Service Bus queue with sessions
/// (<see cref="ServiceBusTerminalCommandSender"/>: SessionId = serial number, MessageId = commandId; what infra/ sets
/// in Azure). Sending twice is harmless: terminals act once per commandId.
/// </summary>
public interface ITerminalCommandSender
{
    Task SendAsync(TerminalCommand command, CancellationToken ct);
}
