using PosConnector.Core.Payments;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Payments;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// Effects on the Functions host: terminal commands go straight to Service Bus; a deadline, a callback owed to VTEX or
/// the end of the wait wakes the payment's orchestration (the wakeup function reads the payment and hands the instance its step).
/// </summary>
public sealed class FunctionsEffectDispatcher(ITerminalCommandSender terminals, PaymentWakeups wakeups) : IPaymentEffectDispatcher
{
    public Task DispatchAsync(string paymentId, PaymentEffect effect, CancellationToken ct) => effect switch
    {
        PaymentEffect.SendTerminalCommand send => terminals.SendAsync(send.Command, ct),
        PaymentEffect.ScheduleDeadline or PaymentEffect.NotifyVtex or PaymentEffect.StopWaiting => wakeups.WakeAsync(paymentId, ct),
        _ => throw new InvalidOperationException($"No dispatch for {effect.GetType().Name}."),
    };
}
