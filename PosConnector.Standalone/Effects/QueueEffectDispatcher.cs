using PosConnector.Core.Json;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Core.Vtex;

namespace PosConnector.Standalone.Effects;

/// <summary>Standalone effects as Storage Queue messages: commands, delayed deadlines, callbacks.</summary>
public sealed class QueueEffectDispatcher(StorageClients storage, ITerminalCommandSender terminals, TimeProvider time)
    : IPaymentEffectDispatcher
{
    private static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    public async Task DispatchAsync(string paymentId, PaymentEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case PaymentEffect.SendTerminalCommand send:
                await terminals.SendAsync(send.Command, ct);
                break;
            case PaymentEffect.ScheduleDeadline deadline:
                var delay = deadline.At - time.GetUtcNow();
                await storage.Deadlines.SendMessageAsync(paymentId,
                    delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay,
                    cancellationToken: ct);
                break;
            case PaymentEffect.NotifyVtex notify:
                var message = new CallbackMessage(paymentId, notify.CallbackUrl, PosConnectorJson.Serialize(notify.Body), notify.GiveUpAt, 1);
                await storage.Callbacks.SendMessageAsync(PosConnectorJson.Serialize(message), ct);
                break;
            default:
                throw new InvalidOperationException($"No dispatch for {effect.GetType().Name}.");
        }
    }
}
