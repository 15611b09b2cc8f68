using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>
/// Puts a command on the terminals' channel: a Storage Queue on the standalone host, a Service Bus queue with
/// sessions (SessionId = serial number, MessageId = commandId) on Azure Functions. Sending twice is harmless:
/// terminals act once per commandId.
/// </summary>
public interface ITerminalCommandSender
{
    Task SendAsync(TerminalCommand command, CancellationToken ct);
}
