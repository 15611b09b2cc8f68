using PosConnector.Core.Payments;
using PosConnector.Core.Security;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Handlers;

/// <summary>The submitUrl: VTEX's terminal-connector app posts the scanned serial number here.</summary>
public sealed class SubmitSerialHandler(PaymentEngine engine, SubmitUrlSigner signer, TerminalRegistry registry)
{
    public async Task<HandlerResult> HandleAsync(string paymentId, string? token, SerialSubmission body, CancellationToken ct)
    {
        if (!Identifiers.IsPaymentId(paymentId) || !signer.IsValid(paymentId, token))
        {
            return HandlerResult.Error(401, "invalid-token", "The submit token is missing or does not belong to this payment.");
        }

        var serial = body.SerialNumber?.Trim();
        if (!Identifiers.IsSerialNumber(serial))
        {
            return HandlerResult.Error(400, "invalid-serial", "serialNumber is required: 1-64 letters, digits, '.', '-' or '_'.");
        }

        if (await engine.LoadAsync(paymentId, ct) is not { } payment)
        {
            return HandlerResult.Error(404, "payment-not-found", $"No payment {paymentId} exists.");
        }

        var verdict = Verdict(await registry.FindAsync(serial!, ct), payment.State.Order);
        var decision = await engine.ApplyAsync(paymentId, new PaymentEvent.SerialSubmitted(serial!, verdict), payment, ct);
        if (decision.Rejection is { } rejection)
        {
            return HandlerResult.Error(409, rejection.Code, rejection.Message);
        }

        var state = decision.State!;
        return verdict == TerminalVerdict.Accepted
            ? HandlerResult.Ok(new SerialAccepted(paymentId, serial!, Accepted(serial!, state.Phase)))
            : HandlerResult.Error(422, state.Code!, state.Message!);
    }

    /// <summary>
    /// A terminal charges only its own merchant's payments (another merchant's serial is as good as unknown), and
    /// only its store's when it is restricted to one.
    /// </summary>
    internal static TerminalVerdict Verdict(TerminalRecord? terminal, PaymentOrder order) => terminal switch
    {
        null => TerminalVerdict.Unknown,
        _ when order.MerchantName.Length == 0
            || !string.Equals(terminal.MerchantName, order.MerchantName, StringComparison.OrdinalIgnoreCase) => TerminalVerdict.Unknown,
        { Enabled: false } => TerminalVerdict.Disabled,
        { StoreCode.Length: > 0 } when !string.Equals(terminal.StoreCode, order.StoreCode, StringComparison.OrdinalIgnoreCase) =>
            TerminalVerdict.OtherStore,
        _ => TerminalVerdict.Accepted,
    };

    private static string Accepted(string serial, PaymentPhase phase) => phase switch
    {
        PaymentPhase.Approved => $"Terminal {serial} accepted; the payment is already approved.",
        PaymentPhase.AwaitingTerminal => $"Terminal {serial} accepted; the payment is waiting for the customer on it.",
        _ => $"Terminal {serial} accepted; the payment will start on it.",
    };
}

public sealed record SerialSubmission(string? SerialNumber);

public sealed record SerialAccepted(string PaymentId, string SerialNumber, string Message)
{
    public string Status { get; } = "accepted";
}
