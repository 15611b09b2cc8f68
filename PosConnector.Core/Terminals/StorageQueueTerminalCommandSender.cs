using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>Terminal commands on the <c>Storage:TerminalCommandsQueue</c> Storage Queue, as JSON.</summary>
public sealed class StorageQueueTerminalCommandSender(StorageClients storage) : ITerminalCommandSender
{
    public async Task SendAsync(TerminalCommand command, CancellationToken ct) =>
        await storage.TerminalCommands.SendMessageAsync(PosConnectorJson.Serialize(command), ct);
}
