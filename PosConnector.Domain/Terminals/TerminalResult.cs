namespace PosConnector.Domain.Terminals;

/// <summary>What a terminal (or its processor bridge) reports for one command.</summary>
public sealed record TerminalResult
{
    public string? CommandId { get; init; }
    public string? PaymentId { get; init; }
    public TerminalCommandType? Type { get; init; }
    public TerminalResultStatus? Status { get; init; }
    public string? AuthorizationId { get; init; }
    public string? Nsu { get; init; }
    public string? Tid { get; init; }
    public string? Acquirer { get; init; }
    public string? CardBrand { get; init; }
    public string? FirstDigits { get; init; }
    public string? LastDigits { get; init; }
    public string? Message { get; init; }
}
