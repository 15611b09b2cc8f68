using System.Text.Json.Serialization;

namespace PosConnector.Domain.Ppp;

/// <summary>
/// The body of Cancel, Settle and Refund: each is keyed by <see cref="RequestId"/>. The amount always comes
/// from stored state for Cancel, whose <c>value</c> VTEX documents in cents (docs/protocol.md §8).
/// </summary>
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

    [JsonPropertyName("sandBoxMode"), JsonInclude]
    private bool? SandBoxModeAlias { init => SandboxMode ??= value; }
}
