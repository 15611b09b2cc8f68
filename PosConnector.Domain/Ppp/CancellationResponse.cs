namespace PosConnector.Domain.Ppp;

public sealed record CancellationResponse(
    string PaymentId, string? CancellationId, string? Code, string Message, string RequestId);
