using PosConnector.Core.Json;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Standalone.Workers;

namespace PosConnector.Standalone.Effects;

/// <summary>
/// Standalone effects as Storage Queue messages: commands, delayed deadlines, callbacks. A callback wakes this host's
/// callback worker at once and a deadline wakes its deadline worker when due, without waiting for their next poll.
/// </summary>
public sealed class QueueEffectDispatcher(
    StorageClients storage, ITerminalCommandSender terminals, TimeProvider time,
    [FromKeyedServices(QueueSignal.Callbacks)] QueueSignal? callbacks = null,
    [FromKeyedServices(QueueSignal.Deadlines)] QueueSignal? deadlines = null)
    : IPaymentEffectDispatcher
{
    public async Task DispatchAsync(string paymentId, PaymentEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case PaymentEffect.SendTerminalCommand send:
                await terminals.SendAsync(send.Command, ct);
                break;
            case PaymentEffect.ScheduleDeadline deadline:
                var delay = QueueDelay.Until(deadline.At, time.GetUtcNow());
                await storage.Deadlines.SendMessageAsync(paymentId, delay, cancellationToken: ct);
                deadlines?.PulseAfter(delay);
                break;
            case PaymentEffect.NotifyVtex notify:
                await storage.Callbacks.SendMessageAsync(PosConnectorJson.Serialize(CallbackMessage.For(paymentId, notify)), ct);
                callbacks?.Pulse();
                break;
            case PaymentEffect.StopWaiting:
                // Nothing to send: the planner lets go of the deadline message of a payment that stopped waiting.
                break;
            default:
                throw new InvalidOperationException($"No dispatch for {effect.Tag}.");
        }
    }
}
