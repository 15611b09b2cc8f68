namespace PosConnector.Domain.Ppp;

public sealed record SettlementResponse(
    string PaymentId, string? SettleId, decimal Value, string? Code, string Message, string RequestId);
