using PosConnector.Core.Payments;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>The operator's view of one payment: its PPP status, phase, full state and audit trail.</summary>
public sealed class PaymentAdminHandler(PaymentEngine engine)
{
    public async Task<HandlerResult> GetAsync(string paymentId, CancellationToken ct)
    {
        if (!Identifiers.IsPaymentId(paymentId) || await engine.FindAsync(paymentId, ct) is not { } state)
        {
            return HandlerResult.Error(404, "payment-not-found", $"No payment {paymentId} exists.");
        }

        var history = await engine.HistoryAsync(paymentId, ct);
        return HandlerResult.Ok(new PaymentView(paymentId, PaymentAnswers.PppStatus(state.Phase), state.Phase,
            state.Callback, state, history));
    }
}

public sealed record PaymentView(
    string PaymentId, string Status, PaymentPhase Phase, CallbackStatus Callback, PaymentState State, IReadOnlyList<HistoryEntry> History);
