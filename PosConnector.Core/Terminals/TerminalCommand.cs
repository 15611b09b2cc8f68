namespace PosConnector.Core.Terminals;

/// <summary>A command for one terminal (ARCHITECTURE.md "Terminal command"). Ids are derived from payment state.</summary>
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
