using PosConnector.Domain.Ppp;

namespace PosConnector.Domain.Terminals;

/// <summary>Shape checks for a terminal result: required fields and the length of every text we keep.</summary>
public static class TerminalResultValidator
{
    /// <summary>Null when the result has a valid shape, else the reason.</summary>
    public static string? Validate(TerminalResult r) =>
        !Identifiers.IsPaymentId(r.PaymentId) || string.IsNullOrEmpty(r.CommandId) || r.Type is null || r.Status is null
            ? "commandId, paymentId, type and status are required."
            : FieldLimits.TooLong("commandId", r.CommandId, FieldLimits.CommandId)
              ?? FieldLimits.TooLong("authorizationId", r.AuthorizationId, FieldLimits.TerminalCode)
              ?? FieldLimits.TooLong("nsu", r.Nsu, FieldLimits.TerminalCode)
              ?? FieldLimits.TooLong("tid", r.Tid, FieldLimits.TerminalCode)
              ?? FieldLimits.TooLong("acquirer", r.Acquirer, FieldLimits.TerminalCode)
              ?? FieldLimits.TooLong("cardBrand", r.CardBrand, FieldLimits.CardBrand)
              ?? FieldLimits.TooLong("message", r.Message, FieldLimits.TerminalMessage);
}
