namespace PosConnector.Domain.Ppp;

public sealed record InboundRequest
{
    public string? RequestId { get; init; }
    public string? PaymentId { get; init; }
}
