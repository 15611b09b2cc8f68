using System.Text.Json.Serialization;

namespace PosConnector.Domain.Ppp;

/// <summary>
/// Create Payment request: the fields this connector reads (others are ignored). The amounts the OAS types as numbers
/// must arrive as JSON numbers, read or not: a string is refused, never parsed (docs/protocol.md §3.2).
/// </summary>
[AmountFields("value", "referenceValue", "installmentsValue", "miniCart.items[].price")]
public sealed record CreatePaymentRequest
{
    public string? PaymentId { get; init; }
    public string? TransactionId { get; init; }
    public string? Reference { get; init; }
    public string? OrderId { get; init; }
    public string? ShopperInteraction { get; init; }
    public string? PaymentMethod { get; init; }
    public string? MerchantName { get; init; }
    public decimal? Value { get; init; }
    public decimal? ReferenceValue { get; init; }
    public string? Currency { get; init; }
    public int? Installments { get; init; }
    public string? CallbackUrl { get; init; }
    public string? ReturnUrl { get; init; }
    public string? Url { get; init; }
    public PppCard? Card { get; init; }
    public IReadOnlyList<MerchantSetting>? MerchantSettings { get; init; }

    /// <summary>The schema spells it <c>sandBoxMode</c>; other bodies say <c>sandboxMode</c> (docs/protocol.md §8).</summary>
    [JsonPropertyName("sandBoxMode")]
    public bool? SandBoxMode { get; init; }

    [JsonPropertyName("sandboxMode")]
    private bool? SandboxModeAlias { init => SandBoxMode ??= value; }

    /// <summary>Examples say <c>inboundRequestsUrl</c>, the schema <c>inboundRequestUrl</c> (docs/protocol.md §8).</summary>
    [JsonPropertyName("inboundRequestsUrl")]
    public string? InboundRequestsUrl { get; init; }

    [JsonPropertyName("inboundRequestUrl")]
    private string? InboundRequestUrlAlias { init => InboundRequestsUrl ??= value; }
}
