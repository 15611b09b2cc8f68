using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>
/// Whether an outbox effect is still owed by the payment's current state. A drainer checks this after claiming the
/// rows, so a row left behind by a crash (dispatched, not yet deleted) is not sent again once it stopped mattering.
/// </summary>
public static class OwedEffects
{
    public static bool IsOwed(PaymentState? state, PaymentEffect effect) => state is not null && effect switch
    {
        PaymentEffect.NotifyVtex => state.Callback == CallbackStatus.Pending,
        PaymentEffect.SendTerminalCommand send => state.FindCommand(send.Command.CommandId) is { Result: null } command
            && (command.Type != TerminalCommandType.Charge || state.Phase == PaymentPhase.AwaitingTerminal),
        PaymentEffect.ScheduleDeadline => state.Phase == PaymentPhase.AwaitingTerminal,
        _ => true,
    };
}
