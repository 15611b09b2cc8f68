using PosConnector.Core.Json;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Vtex;

/// <summary>
/// A pending callback: where to POST, the body, how long to keep trying, and which attempt this is. What is posted is
/// always taken again from the stored payment at the attempt (<see cref="For(PaymentState, int)"/>), never from an older copy of this.
/// </summary>
public sealed record CallbackMessage(string PaymentId, string CallbackUrl, string Body, DateTimeOffset GiveUpAt, int Attempt)
{
    /// <summary>The callback a final state owes VTEX: the same body Create Payment answers now.</summary>
    public static CallbackMessage For(PaymentState state, int attempt) => new(
        state.PaymentId,
        state.Order.CallbackUrl,
        PosConnectorJson.Serialize(PaymentAnswers.CreatePayment(state)),
        state.CreatedAt.AddSeconds(state.Terms.DelayToCancel),
        attempt);

    /// <summary>The first attempt at the callback a decision owes (its <see cref="PaymentEffect.NotifyVtex"/> effect).</summary>
    public static CallbackMessage For(string paymentId, PaymentEffect.NotifyVtex notify) =>
        new(paymentId, notify.CallbackUrl, PosConnectorJson.Serialize(notify.Body), notify.GiveUpAt, Attempt: 1);
}
