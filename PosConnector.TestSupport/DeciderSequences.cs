using CsCheck;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.TestSupport;

/// <summary>
/// Random decider inputs for property tests: every event kind, repeats, reorderings, hostile results (card numbers in
/// fragments and messages) and late inputs, each after 0 to 200 seconds.
/// </summary>
public static class DeciderSequences
{
    public static readonly Gen<PaymentEvent> AnyEvent = Gen.OneOf(
        Gen.Const(Created()),
        Gen.Const(Created(flow: TestSuiteFlow.AsyncApproved)),
        Gen.OneOf(TerminalVerdict.Accepted, TerminalVerdict.Unknown, TerminalVerdict.Disabled, TerminalVerdict.Busy)
            .Select(v => (PaymentEvent)new PaymentEvent.SerialSubmitted(Serial, v)),
        Gen.Const((PaymentEvent)new PaymentEvent.SerialSubmitted("T-2", TerminalVerdict.Accepted)),
        Gen.Select(Gen.Int[1, 5], Gen.Enum<TerminalCommandType>(), Gen.Enum<TerminalResultStatus>(), Gen.OneOf(Serial, "T-2"),
            (seq, type, status, serial) => Result(seq, type, status, serial)),
        Gen.Select(Gen.Int[1, 3], Gen.OneOf("4111111111111111", "411111", "12"),
            (seq, digits) => (PaymentEvent)new PaymentEvent.TerminalResultReceived(Serial, new TerminalResult
            {
                CommandId = $"{PaymentId}-{seq}", PaymentId = PaymentId, Type = TerminalCommandType.Charge,
                Status = TerminalResultStatus.Approved, FirstDigits = digits, LastDigits = digits,
                Message = $"pan {digits} 5500 0000 0000 0004",
            })),
        Gen.Const((PaymentEvent)new PaymentEvent.DeadlineReached()),
        Gen.Int[1, 4].Select(i => (PaymentEvent)new PaymentEvent.CancellationRequested($"C{i}")),
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 4000], Gen.Bool,
            (i, v, cents) => (PaymentEvent)new PaymentEvent.CancellationRequested($"C{i}", cents ? v : v / 100m)),
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 4000], (i, cents) => (PaymentEvent)new PaymentEvent.SettlementRequested($"S{i}", cents / 100m)),
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 4000], (i, cents) => (PaymentEvent)new PaymentEvent.RefundRequested($"R{i}", cents / 100m)),
        Gen.Int[1, 5].Select(n => (PaymentEvent)new PaymentEvent.CallbackDelivered(n)),
        Gen.Const((PaymentEvent)new PaymentEvent.CallbackAbandoned(3, "down")));

    /// <summary>Sequences start with a create most of the time, so they reach deep phases.</summary>
    public static readonly Gen<(PaymentEvent Event, int Seconds)[]> Sequences =
        Gen.Select(AnyEvent, Gen.Int[0, 200]).Array[1, 40]
            .Select(Gen.Bool, (events, prefix) => prefix
                ? [(Created(), 0), (SerialAccepted(), 1), (Created(), 1), .. events]
                : events);

    /// <summary>
    /// Replays <paramref name="sequence"/> through the decider from no payment, calling <paramref name="step"/> after each
    /// decision with the state it was made on and the time it was made at.
    /// </summary>
    public static void Replay((PaymentEvent Event, int Seconds)[] sequence, Action<PaymentState?, Decision, DateTimeOffset> step)
    {
        PaymentState? state = null;
        var now = DeciderSpec.Start;
        foreach (var (e, seconds) in sequence)
        {
            now = now.AddSeconds(seconds);
            var decision = PaymentDecider.Decide(state, e, now);
            step(state, decision, now);
            state = decision.State;
        }
    }
}
