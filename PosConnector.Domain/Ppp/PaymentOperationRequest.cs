using System.Text.Json.Serialization;

namespace PosConnector.Domain.Ppp;

/// <summary>
/// The body of Cancel, Settle and Refund: each is keyed by <see cref="RequestId"/>. Cancel's <c>value</c> is optional
/// (a partial cancellation) and documented by VTEX in cents; it is read both ways (docs/protocol.md §3.3, §8).
/// On every route <c>value</c> must be a JSON number, never a string (docs/protocol.md §3.3-3.5).
/// </summary>
[AmountFields("value")]
public sealed record PaymentOperationRequest
{
    public string? PaymentId { get; init; }
    public string? RequestId { get; init; }
    public string? TransactionId { get; init; }
    public string? AuthorizationId { get; init; }
    public string? SettleId { get; init; }
    public string? Tid { get; init; }
    public string? Nsu { get; init; }
    public decimal? Value { get; init; }

    [JsonPropertyName("sandboxMode")]
    public bool? SandboxMode { get; init; }

    [JsonPropertyName("sandBoxMode")]
    private bool? SandBoxModeAlias { init => SandboxMode ??= value; }
}
