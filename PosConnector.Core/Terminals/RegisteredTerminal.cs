using Azure;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Terminals;

/// <summary>A terminal's registry row as read: the terminal, its claim (null: never taken), and the row's ETag.</summary>
public sealed record RegisteredTerminal(TerminalRecord Terminal, TerminalClaim? Claim, ETag ETag);
