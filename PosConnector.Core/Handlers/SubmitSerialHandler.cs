using PosConnector.Core.Payments;
using PosConnector.Core.Ppp;
using PosConnector.Core.Security;
using PosConnector.Core.Terminals;

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

        if (await engine.FindAsync(paymentId, ct) is null)
        {
            return HandlerResult.Error(404, "payment-not-found", $"No payment {paymentId} exists.");
        }

        var terminal = await registry.FindAsync(serial!, ct);
        var verdict = terminal switch
        {
            null => TerminalVerdict.Unknown,
            { Enabled: false } => TerminalVerdict.Disabled,
            _ => TerminalVerdict.Accepted,
        };
        var decision = await engine.ApplyAsync(paymentId, new PaymentEvent.SerialSubmitted(serial!, verdict), ct);
        if (decision.Rejection is { } rejection)
        {
            return HandlerResult.Error(409, rejection.Code, rejection.Message);
        }

        return verdict == TerminalVerdict.Accepted
            ? HandlerResult.Ok(new SerialAccepted(paymentId, serial!, $"Terminal {serial} accepted; the payment will start on it."))
            : HandlerResult.Error(422, decision.State!.Code!, decision.State.Message!);
    }
}

public sealed record SerialSubmission(string? SerialNumber);

public sealed record SerialAccepted(string PaymentId, string SerialNumber, string Message)
{
    public string Status { get; } = "accepted";
}
