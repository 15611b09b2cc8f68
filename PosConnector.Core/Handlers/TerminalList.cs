namespace PosConnector.Core.Handlers;

/// <summary>The admin answer listing every registered terminal (never a secret).</summary>
public sealed record TerminalList(IReadOnlyList<TerminalView> Terminals);
