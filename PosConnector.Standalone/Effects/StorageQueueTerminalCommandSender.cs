using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;

namespace PosConnector.Standalone.Effects;

/// <summary>Terminal commands on the <c>terminal-commands</c> Storage Queue, as JSON.</summary>
public sealed class StorageQueueTerminalCommandSender(StorageClients storage) : ITerminalCommandSender
{
    public async Task SendAsync(TerminalCommand command, CancellationToken ct) =>
        await storage.TerminalCommands.SendMessageAsync(PosConnectorJson.Serialize(command), ct);
}
