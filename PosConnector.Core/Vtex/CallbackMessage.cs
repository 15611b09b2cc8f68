using PosConnector.Core.Json;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Vtex;

/// <summary>
/// A pending callback: whose, how long to keep trying, and which attempt this is. It carries no body or URL: what is
/// posted, and where, is always rebuilt from the stored payment at the attempt (<see cref="PostFor"/>), so a stale copy
/// of this message can never post a wrong status.
/// </summary>
public sealed record CallbackMessage(string PaymentId, DateTimeOffset GiveUpAt, int Attempt)
{
    /// <summary>The callback a final state owes VTEX.</summary>
    public static CallbackMessage For(PaymentState state, int attempt) =>
        new(state.PaymentId, state.CreatedAt.AddSeconds(state.Terms.DelayToCancel), attempt);

    /// <summary>The first attempt at the callback a decision owes (its <see cref="PaymentEffect.NotifyVtex"/> effect).</summary>
    public static CallbackMessage For(string paymentId, PaymentEffect.NotifyVtex notify) => new(paymentId, notify.GiveUpAt, Attempt: 1);

    /// <summary>What to POST, and where: the Create Payment answer of <paramref name="state"/>, to its callbackUrl as received.</summary>
    public static (string CallbackUrl, string Body) PostFor(PaymentState state) =>
        (state.Order.CallbackUrl, PosConnectorJson.Serialize(PaymentAnswers.CreatePayment(state)));
}
