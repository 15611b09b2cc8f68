using PosConnector.Domain.Payments;

namespace PosConnector.Core.Observability;

/// <summary>
/// The steps of a payment, one span each (<c>payment.&lt;step&gt;</c>, attribute <c>payment.step</c>). An event
/// applied outside any step (a deadline, the sweep) is its own step, named by the event.
/// </summary>
public static class PaymentStep
{
    public const string Create = "create";
    public const string SubmitSerial = "submit_serial";
    public const string TerminalResult = "terminal_result";
    public const string Cancel = "cancel";
    public const string Settle = "settle";
    public const string Refund = "refund";
    public const string Deadline = "deadline";
    public const string Callback = "callback";
    public const string CallbackAbandon = "callback_abandon";

    public static string For(PaymentEvent @event) => @event switch
    {
        PaymentEvent.CreatePaymentCalled => Create,
        PaymentEvent.SerialSubmitted => SubmitSerial,
        PaymentEvent.TerminalResultReceived => TerminalResult,
        PaymentEvent.DeadlineReached => Deadline,
        PaymentEvent.CancellationRequested => Cancel,
        PaymentEvent.SettlementRequested => Settle,
        PaymentEvent.RefundRequested => Refund,
        PaymentEvent.CallbackDelivered => Callback,
        PaymentEvent.CallbackAbandoned => CallbackAbandon,
        _ => throw new InvalidOperationException($"No step for {@event.GetType().Name}."),
    };
}
