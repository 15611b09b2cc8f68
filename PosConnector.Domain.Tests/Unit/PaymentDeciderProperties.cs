using CsCheck;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>
/// Thousands of random event sequences (repeats, reorderings, hostile results and late inputs included)
/// must keep the payment invariants after every single step.
/// </summary>
public sealed class PaymentDeciderProperties
{
    [Fact]
    public void Decide_RandomSequences_KeepEveryInvariant() =>
        DeciderSequences.Sequences.Sample(sequence => DeciderSequences.Replay(sequence, (state, decision, now) =>
        {
            AssertInvariants(state, decision);
            AssertChargesOnlyOnAHeldTerminal(state, decision, now);
        }), iter: 4000);

    /// <summary>
    /// One live charge per terminal: a charge goes out only from a state that holds its terminal (so no other payment
    /// could have taken it), and the payment holds it on after sending.
    /// </summary>
    private static void AssertChargesOnlyOnAHeldTerminal(PaymentState? before, Decision decision, DateTimeOffset now)
    {
        foreach (var charge in decision.Effects.OfType<PaymentEffect.SendTerminalCommand>().Select(s => s.Command)
            .Where(c => c.Type == TerminalCommandType.Charge))
        {
            Assert.True(TerminalClaimRules.Holds(before!, charge.SerialNumber, now), "a charge goes out only on a terminal its payment holds");
            Assert.True(TerminalClaimRules.Holds(decision.State!, charge.SerialNumber, now), "the payment holds the terminal it charges on");
        }
    }

    [Fact]
    public void Decide_SameInputTwice_SecondChangesNothing() =>
        DeciderSequences.Sequences.Sample(sequence =>
        {
            PaymentState? state = null;
            var now = Start;
            foreach (var (e, seconds) in sequence)
            {
                now = now.AddSeconds(seconds);
                var first = PaymentDecider.Decide(state, e, now);
                state = first.State;
                if (first.Outcome == DecisionOutcome.Changed && first.Effects.Count > 0 && e is not PaymentEvent.DeadlineReached)
                {
                    var repeat = PaymentDecider.Decide(state, e, now);
                    Assert.Empty(repeat.Effects);
                }
            }
        }, iter: 2000);

    private static void AssertInvariants(PaymentState? before, Decision decision)
    {
        var after = decision.State;
        if (decision.Outcome != DecisionOutcome.Changed)
        {
            // A repeat or a refusal leaves the state exactly as it was, and does nothing.
            Assert.Same(before, after);
            Assert.Empty(decision.Effects);
            Assert.Equal(decision.Outcome == DecisionOutcome.Rejected && before is not null ? 1 : 0, decision.Recorded.Count);
        }

        if (after is null)
        {
            return;
        }

        Assert.True(after.Commands.Count(c => c.Type == TerminalCommandType.Charge) <= 1, "at most one charge per payment");
        Assert.Equal(after.Commands.Count, after.Commands.Select(c => c.CommandId).Distinct().Count());

        var statusBefore = before is null ? "undefined" : PaymentAnswers.PppStatus(before.Phase);
        if (statusBefore != "undefined")
        {
            Assert.Equal(statusBefore, PaymentAnswers.PppStatus(after.Phase));
        }

        foreach (var notify in decision.Effects.OfType<PaymentEffect.NotifyVtex>())
        {
            Assert.NotEqual("undefined", PaymentAnswers.CreatePayment(after).Status);
            Assert.NotEqual("undefined", statusBefore == "undefined" ? PaymentAnswers.PppStatus(after.Phase) : statusBefore);
            Assert.Equal(after.CreatedAt.AddSeconds(after.Terms.DelayToCancel), notify.GiveUpAt);
        }

        Assert.InRange(after.SettledAmount, 0m, after.Order.Value);
        Assert.InRange(after.RefundedAmount + after.PendingRefundAmount, 0m, after.SettledAmount);
        Assert.InRange(after.SettledAmount + after.CancelledAmount + after.PendingCancellationAmount, 0m, after.Order.Value);

        // What voids and refunds may give back (sent, or confirmed) never exceeds what the card paid.
        var returning = after.Commands.Where(c => c.Type is TerminalCommandType.Void or TerminalCommandType.Refund
            && c.Result is null or TerminalResultStatus.Approved).Sum(c => c.Amount);
        Assert.InRange(returning, 0m, after.Order.Value);

        // A refund is never answered 501 refund-manually: VTEX's gateway would refund twice (docs/protocol.md §3.5).
        Assert.All(after.Operations.Where(o => o.Kind == OperationKind.Refund), o => Assert.NotEqual(501, PaymentAnswers.HttpStatus(o)));
        Assert.True(after.Terms == Terms, "terms never change after the first answer");

        // That no state, effect or record carries a full card number is checked on their stored (serialized) form, which
        // Core's serializer writes: StateSerializationTests in PosConnector.Core.Tests, over these same sequences.
    }
}
