namespace PosConnector.VirtualTerminal;

/// <summary>What the terminal page shows (GET /api/board).</summary>
public sealed record TerminalBoardView(DateTimeOffset Now, IReadOnlyList<TerminalView> Terminals, IReadOnlyList<PostedResult> Results);

public sealed record TerminalView(string SerialNumber, string Label, bool Manual, IReadOnlyList<HeldCharge> Charges);
