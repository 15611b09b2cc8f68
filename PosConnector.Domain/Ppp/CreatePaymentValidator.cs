using System.Text.RegularExpressions;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Ppp;

/// <summary>Shape checks for Create Payment; business rules live in the decider.</summary>
public static partial class CreatePaymentValidator
{
    public const string InvalidRequest = "invalid-request";
    public const string DebitInstallments = "debit-installments";

    /// <summary>The validated order, or the PPP error (400) saying why it is not one.</summary>
    public static (PaymentOrder? Order, PppError? Error) Validate(CreatePaymentRequest r, TestSuiteFlow? testSuiteFlow)
    {
        var (order, error) = Check(r, testSuiteFlow);
        if (error is not null)
        {
            return (null, new PppError(InvalidRequest, error));
        }

        // A debit charge is paid at once (débito à vista): a request for installments cannot be honoured (docs/protocol.md §3.2).
        return order!.CardType == CardType.Debit && order.Installments > 1
            ? (null, new PppError(DebitInstallments,
                $"'{Manifest.DebitMethod}' is paid in a single installment; {order.Installments} installments are only possible with '{Manifest.CreditMethod}'."))
            : (order, null);
    }

    private static (PaymentOrder? Order, string? Error) Check(CreatePaymentRequest r, TestSuiteFlow? testSuiteFlow)
    {
        if (!Identifiers.IsPaymentId(r.PaymentId)) return (null, "paymentId is required: 1-64 letters, digits, '-' or '_'.");
        if (string.IsNullOrWhiteSpace(r.TransactionId) || r.TransactionId.Length > FieldLimits.Id)
            return (null, $"transactionId is required (at most {FieldLimits.Id} characters).");
        if ((FieldLimits.TooLong("reference", r.Reference, FieldLimits.OrderText) ?? FieldLimits.TooLong("orderId", r.OrderId, FieldLimits.OrderText)) is { } tooLong)
            return (null, tooLong);
        if (r.Value is not { } value || value <= 0 || value > 1_000_000_000m) return (null, "value is required and must be a positive amount.");
        if (decimal.Round(value, 4) != value) return (null, "value has more than 4 decimal places.");
        if (r.Currency is null || !Currency().IsMatch(r.Currency)) return (null, "currency is required as an ISO 4217 code such as BRL.");
        // VTEX sends 0 for a payment in one go: it is stored and sent to the terminal as 1 (docs/protocol.md §3.2).
        if (r.Installments is { } n && n is < 0 or > 99) return (null, "installments must be between 0 and 99 (0 or 1: a single payment).");
        if (FieldLimits.TooLong("callbackUrl", r.CallbackUrl, FieldLimits.CallbackUrl) is { } longUrl) return (null, longUrl);
        if (!Uri.TryCreate(r.CallbackUrl, UriKind.Absolute, out var callback) || callback.Scheme is not ("https" or "http"))
            return (null, "callbackUrl is required and must be an absolute http(s) URL.");
        if (r.PaymentMethod is null) return (null, "paymentMethod is required.");

        CardType? cardType = r.PaymentMethod switch
        {
            Manifest.CreditMethod => CardType.Credit,
            Manifest.DebitMethod => CardType.Debit,
            _ when testSuiteFlow is not null => CardType.Credit,
            _ => null,
        };
        if (cardType is null)
            return (null, $"paymentMethod '{r.PaymentMethod}' is not supported; use '{Manifest.CreditMethod}' or '{Manifest.DebitMethod}'.");

        return (new PaymentOrder(r.TransactionId, r.Reference ?? "", r.OrderId ?? "", value, r.Currency,
            Math.Max(r.Installments ?? 1, 1), cardType.Value, r.CallbackUrl!, Clip(r.MerchantName)), null);
    }

    /// <summary>merchantName is display text only: clipped rather than refused.</summary>
    private static string Clip(string? text) =>
        text is null ? "" : text.Length <= FieldLimits.DisplayText ? text : text[..FieldLimits.DisplayText];

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();
}
