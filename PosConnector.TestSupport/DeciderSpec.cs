using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;

namespace PosConnector.TestSupport;

/// <summary>Given/When/Then for the pure decider: fold the given events, decide the next one at a fixed time.</summary>
public static class DeciderSpec
{
    public const string PaymentId = "PAY1";
    public const string Serial = "T-1";
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static readonly PaymentTerms Terms = new(
        SecondsWaiting: 180, TerminalTimeoutSeconds: 150, DelayToCancel: 600,
        DelayToAutoSettle: 21600, DelayToAutoSettleAfterAntifraud: 1800, TestSuiteCallbackDelaySeconds: 5);

    public static PaymentOrder Order(decimal value = 31.90m) =>
        new("TX1", "REF1", "ORDER1", value, "BRL", 1, CardType.Credit, "https://gw.example/cb?X-VTEX-signature=s", "store");

    public static PaymentEvent Created(decimal value = 31.90m, TestSuiteFlow? flow = null) =>
        new PaymentEvent.CreatePaymentCalled(PaymentId, Order(value), Terms, flow);

    public static PaymentEvent SerialAccepted(string serial = Serial) => new PaymentEvent.SerialSubmitted(serial, TerminalVerdict.Accepted);

    public static PaymentEvent Result(int sequence, TerminalCommandType type, TerminalResultStatus status, string serial = Serial) =>
        new PaymentEvent.TerminalResultReceived(serial, new TerminalResult
        {
            CommandId = $"{PaymentId}-{sequence}", PaymentId = PaymentId, Type = type, Status = status,
            AuthorizationId = "AUT-1", Nsu = "NSU-1", Tid = "TID-1", Acquirer = "Acq", CardBrand = "Visa",
            FirstDigits = "411111", LastDigits = "1111", Message = "done",
        });

    /// <summary>The events that bring a payment to "awaiting the terminal" (charge sent as command 1).</summary>
    public static PaymentEvent[] Charging(decimal value = 31.90m) => [Created(value), SerialAccepted(), Created(value)];

    public static PaymentEvent[] Approved(decimal value = 31.90m) =>
        [.. Charging(value), Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved)];

    public static PaymentState? Given(params PaymentEvent[] events)
    {
        PaymentState? state = null;
        var now = Start;
        foreach (var e in events)
        {
            state = PaymentDecider.Decide(state, e, now).State;
            now = now.AddSeconds(1);
        }

        return state;
    }

    public static Decision When(PaymentState? state, PaymentEvent e, DateTimeOffset? now = null) =>
        PaymentDecider.Decide(state, e, now ?? Start.AddMinutes(1));

    /// <summary>
    /// The callback a decision owes: it must say so with exactly one effect, <see cref="PaymentEffect.NotifyVtex"/>, and
    /// what is posted is the Create Payment answer of its new state (every attempt rebuilds it from the stored state).
    /// </summary>
    public static Domain.Ppp.CreatePaymentResponse CallbackBody(Decision decision) => decision.Effects is [PaymentEffect.NotifyVtex]
        ? PaymentAnswers.CreatePayment(decision.State!)
        : throw new InvalidOperationException(
            $"Expected exactly one NotifyVtex effect, got [{string.Join(", ", decision.Effects.Select(e => e.Tag))}].");
}
