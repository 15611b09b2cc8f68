using PosConnector.Domain.Payments;

namespace PosConnector.Core.Payments;

/// <summary>Carries one effect out. Each host has its own; calls may repeat, so implementations are idempotent.</summary>
public interface IPaymentEffectDispatcher
{
    Task DispatchAsync(string paymentId, PaymentEffect effect, CancellationToken ct);
}
