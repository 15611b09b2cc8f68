namespace PosConnector.Domain.Terminals;

/// <summary>A command for one terminal (docs/terminal-integration.md §2). Ids are derived from payment state.</summary>
public sealed record TerminalCommand(
    string CommandId,
    TerminalCommandType Type,
    string PaymentId,
    string SerialNumber,
    decimal Amount,
    string Currency,
    int Installments,
    CardType CardType,
    string Reference,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
