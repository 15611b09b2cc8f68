namespace PosConnector.Domain.Ppp;

/// <summary>Inbound always answers 200; <see cref="ResponseData"/> is what VTEX relays to the original caller.</summary>
public sealed record InboundResponse(
    string RequestId, string PaymentId, string? Code, string? Message, InboundResponseData ResponseData);

public sealed record InboundResponseData(int StatusCode, string ContentType, string Content);
