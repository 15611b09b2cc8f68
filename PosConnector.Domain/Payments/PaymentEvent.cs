using System.Text.Json.Serialization;
using PosConnector.Domain.Terminals;

namespace PosConnector.Domain.Payments;

/// <summary>Inputs to the decider, in the past tense. Closed: only the nested records derive from it.</summary>
public abstract record PaymentEvent
{
    private PaymentEvent()
    {
    }

    /// <summary>
    /// The event's name in stored audit entries: spelled out, so renaming a type never changes what is stored
    /// (PaymentTagsTests pins each).
    /// </summary>
    [JsonIgnore]
    public abstract string Tag { get; }

    /// <summary>Create Payment was called (first call or any repeat).</summary>
    public sealed record CreatePaymentCalled(string PaymentId, PaymentOrder Order, PaymentTerms Terms, TestSuiteFlow? TestSuiteFlow) : PaymentEvent
    {
        public override string Tag => "CreatePaymentCalled";
    }

    /// <summary>
    /// The terminal-connector app posted a serial; the registry's verdict comes with it, and for
    /// <see cref="TerminalVerdict.Busy"/> when the other payment took the terminal.
    /// </summary>
    public sealed record SerialSubmitted(string SerialNumber, TerminalVerdict Verdict, DateTimeOffset? BusySince = null) : PaymentEvent
    {
        public override string Tag => "SerialSubmitted";
    }

    public sealed record TerminalResultReceived(string SerialNumber, TerminalResult Result) : PaymentEvent
    {
        public override string Tag => "TerminalResultReceived";
    }

    public sealed record DeadlineReached : PaymentEvent
    {
        public override string Tag => "DeadlineReached";
    }

    /// <summary>VTEX's Cancel; <paramref name="Value"/> is its raw <c>value</c>, read by <see cref="CancelAmount"/>.</summary>
    public sealed record CancellationRequested(string RequestId, decimal? Value = null) : PaymentEvent
    {
        public override string Tag => "CancellationRequested";
    }

    public sealed record SettlementRequested(string RequestId, decimal? Value) : PaymentEvent
    {
        public override string Tag => "SettlementRequested";
    }

    public sealed record RefundRequested(string RequestId, decimal Value) : PaymentEvent
    {
        public override string Tag => "RefundRequested";
    }

    public sealed record CallbackDelivered(int Attempts) : PaymentEvent
    {
        public override string Tag => "CallbackDelivered";
    }

    public sealed record CallbackAbandoned(int Attempts, string Reason) : PaymentEvent
    {
        public override string Tag => "CallbackAbandoned";
    }
}

public enum TerminalVerdict
{
    Accepted,

    /// <summary>Not registered, or registered to another merchant (the two are indistinguishable to the caller).</summary>
    Unknown,
    Disabled,

    /// <summary>The merchant's terminal is restricted to another store (the manifest's "Store code").</summary>
    OtherStore,

    /// <summary>
    /// Another payment holds the terminal (<see cref="TerminalClaimRules"/>): refused, and the payment keeps waiting for
    /// a serial, so the Sales App can try again or choose another terminal.
    /// </summary>
    Busy,
}
