using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using PosConnector.Core.Json;
using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// <c>VirtualTerminal:Listen</c> (<c>run-local.sh --listen</c>), like <c>stripe listen</c>: prints each terminal command
/// once, as it arrives, with its JSON exactly as the queue carries it, and says whether a terminal here plays it or it
/// was left on the queue for your own device or bridge. Commands carry no card data, token or secret.
/// </summary>
public sealed class CommandListener(IOptions<VirtualTerminalOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, byte> _heard = new();

    /// <summary>Where the lines go: standard output (tests swap in a writer of their own).</summary>
    public TextWriter Output { get; set; } = Console.Out;

    public bool Listening => options.Value.Listen;

    /// <summary>Prints <paramref name="command"/> the first time its commandId is heard (a left command comes back often).</summary>
    public void Heard(TerminalCommand command, bool simulatedHere)
    {
        if (!Listening || !_heard.TryAdd(command.CommandId, 0))
        {
            return;
        }

        Output.WriteLine(Line(time.GetUtcNow(), command, simulatedHere));
    }

    /// <summary>One line per command: time, type, serial, who answers it, then the command's JSON.</summary>
    public static string Line(DateTimeOffset at, TerminalCommand command, bool simulatedHere) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{at:HH:mm:ss} --> {command.Type.ToString().ToLowerInvariant()} for {command.SerialNumber} " +
            $"[{(simulatedHere ? "simulated here" : "left on the queue for your terminal")}] {PosConnectorJson.Serialize(command)}");
}
