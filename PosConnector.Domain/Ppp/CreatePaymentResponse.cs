using System.Text.Json.Serialization;

namespace PosConnector.Domain.Ppp;

/// <summary>Create Payment response; the same body is POSTed to the callbackUrl once final.</summary>
public sealed record CreatePaymentResponse
{
    public required string PaymentId { get; init; }
    public required string Status { get; init; }
    public string? AuthorizationId { get; init; }
    public string? Nsu { get; init; }
    public required string Tid { get; init; }
    public string? Acquirer { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
    public int DelayToAutoSettle { get; init; }
    public int DelayToAutoSettleAfterAntifraud { get; init; }
    public int DelayToCancel { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PaymentAppData? PaymentAppData { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CardBrand { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstDigits { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastDigits { get; init; }
}
