using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// Acts on one command: returns once the terminal is done with it (its result posted, or nothing to post).
/// A command source acknowledges the command only after that, unless its channel cannot wait.
/// </summary>
public delegate Task CommandHandler(TerminalCommand command, CancellationToken ct);

/// <summary>
/// Where terminal commands come from, other than the Storage Queue the worker reads itself
/// (setting <c>Terminals:Transport</c>). <see cref="ServiceBusCommandSource"/> is the Service Bus one.
/// </summary>
public interface ICommandSource
{
    /// <summary>Hands each command to <paramref name="handle"/> until <paramref name="ct"/> is cancelled.</summary>
    Task RunAsync(CommandHandler handle, CancellationToken ct);
}
