namespace PosConnector.Domain.Ppp;

public sealed record RefundResponse(
    string PaymentId, string? RefundId, decimal Value, string? Code, string Message, string RequestId);
