using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// A payment as the search index shows it, written when the payment is created and when its PPP status changes
/// (<see cref="PaymentIndex.Changes"/>): <see cref="SerialNumber"/> is the terminal as of that write (an in-flight
/// payment shows it once it ends), <see cref="UpdatedAt"/> when the row was written (for a search by paymentId, which
/// reads the payment itself, when it was read). The payment itself
/// (GET /api/admin/payments/{paymentId}) is always current.
/// </summary>
public sealed record PaymentIndexEntry(
    string PaymentId,
    string OrderId,
    string Reference,
    string? SerialNumber,
    string Status,
    decimal Amount,
    string Currency,
    string MerchantName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PaymentIndexEntry Of(PaymentState state, DateTimeOffset now) => new(
        state.PaymentId, state.Order.OrderId, state.Order.Reference, state.SerialNumber, PaymentAnswers.PppStatus(state.Phase),
        state.Order.Value, state.Order.Currency, state.Order.MerchantName, state.CreatedAt, now);
}

/// <summary>One page of a search, newest first; <see cref="Next"/> (opaque) asks for the following page, null at the end.</summary>
public sealed record PaymentSearchPage(IReadOnlyList<PaymentIndexEntry> Payments, string? Next);
