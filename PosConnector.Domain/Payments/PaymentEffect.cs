using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>Outputs of the decider, in the imperative. Hosts carry them out at least once.</summary>
public abstract record PaymentEffect
{
    private PaymentEffect()
    {
    }

    public sealed record SendTerminalCommand(TerminalCommand Command) : PaymentEffect;

    public sealed record ScheduleDeadline(DateTimeOffset At) : PaymentEffect;

    /// <summary>POST <paramref name="Body"/> to the callbackUrl until 2xx or <paramref name="GiveUpAt"/>.</summary>
    public sealed record NotifyVtex(string CallbackUrl, CreatePaymentResponse Body, DateTimeOffset GiveUpAt) : PaymentEffect;
}
