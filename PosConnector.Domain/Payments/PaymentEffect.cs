using System.Text.Json.Serialization;
using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>Outputs of the decider, in the imperative. Hosts carry them out at least once.</summary>
public abstract record PaymentEffect
{
    private PaymentEffect()
    {
    }

    /// <summary>The effect's kind in stored outbox rows: spelled out, so renaming a type never orphans a row.</summary>
    [JsonIgnore]
    public abstract string Tag { get; }

    public sealed record SendTerminalCommand(TerminalCommand Command) : PaymentEffect
    {
        public override string Tag => "SendTerminalCommand";
    }

    public sealed record ScheduleDeadline(DateTimeOffset At) : PaymentEffect
    {
        public override string Tag => "ScheduleDeadline";
    }

    /// <summary>
    /// Tell VTEX the final status (the callback) until a 2xx or <paramref name="GiveUpAt"/> (delayToCancel). What is
    /// posted, and where, is always rebuilt from the stored payment at each attempt, so the effect carries neither.
    /// </summary>
    public sealed record NotifyVtex(DateTimeOffset GiveUpAt) : PaymentEffect
    {
        public override string Tag => "NotifyVtex";
    }

    /// <summary>
    /// The payment stopped waiting for its terminal or its deadline without a callback to make (VTEX cancelled it):
    /// hosts let go of what they hold for the wait (the orchestration, the deadline message). A
    /// <see cref="NotifyVtex"/> ends the wait as well.
    /// </summary>
    public sealed record StopWaiting : PaymentEffect
    {
        public override string Tag => "StopWaiting";
    }
}
