using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Security;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Handlers;

/// <summary>The submitUrl: VTEX's terminal-connector app posts the scanned serial number here.</summary>
/// <remarks>
/// One live charge per terminal (docs/protocol.md §9): a payment takes the terminal with a claim on its registry row
/// (<see cref="TerminalRegistry.TryClaimAsync"/>, compare-and-set on the row read anyway) and then commits its
/// identification against exactly the payment version it claimed at; a serial for a terminal another payment holds
/// (<see cref="TerminalClaimRules"/>) is refused 409 terminal-busy. Any lost race (another claim, or the payment
/// changed) starts over from the reads, so the claim and the identification always agree. The charge itself needs no
/// check: it goes out at the next Create Payment only from TerminalIdentified, and while a payment is identified on a
/// terminal its claim holds, so no other payment can take that terminal meanwhile.
/// </remarks>
public sealed class SubmitSerialHandler(PaymentEngine engine, SubmitUrlSigner signer, TerminalRegistry registry, TimeProvider time)
{
    /// <summary>Each lost race means another request won: a few rounds settle any realistic contention.</summary>
    private const int MaxRounds = 10;

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

        using var step = PaymentSpans.Begin(PaymentStep.SubmitSerial, paymentId, serial);
        for (var round = 1; ; round++)
        {
            if (await engine.LoadAsync(paymentId, ct) is not { } payment)
            {
                return HandlerResult.Error(404, "payment-not-found", $"No payment {paymentId} exists.");
            }

            var terminal = await registry.FindRowAsync(serial!, ct);
            var verdict = Verdict(terminal?.Terminal, payment.State.Order);
            if (verdict != TerminalVerdict.Accepted || payment.State.Phase != PaymentPhase.IdentifyingTerminal)
            {
                // No terminal is taken: a refusal, or a repeat the decider answers from the payment's state.
                return Answer(serial!, verdict, await engine.ApplyAsync(paymentId, new PaymentEvent.SerialSubmitted(serial!, verdict), payment, ct));
            }

            var claim = terminal!.Claim;
            if (claim is not null && claim.PaymentId != paymentId
                && await engine.LoadAsync(claim.PaymentId, ct) is var holder
                && TerminalClaimRules.Holds(claim, serial!, holder?.State, holder?.Version ?? 0, time.GetUtcNow()))
            {
                return Answer(serial!, TerminalVerdict.Busy,
                    await engine.ApplyAsync(paymentId, new PaymentEvent.SerialSubmitted(serial!, TerminalVerdict.Busy, claim.ClaimedAt), payment, ct));
            }

            var ours = claim is not null && claim.PaymentId == paymentId && claim.PaymentVersion == payment.Version;
            // Only against the version claimed at: if the payment changed meanwhile, the claim no longer holds for it.
            if ((ours || await registry.TryClaimAsync(terminal, new TerminalClaim(paymentId, payment.Version, time.GetUtcNow()), ct))
                && await engine.TryApplyAsync(paymentId, new PaymentEvent.SerialSubmitted(serial!, verdict), payment, ct) is { } decision)
            {
                return Answer(serial!, verdict, decision);
            }

            if (round == MaxRounds)
            {
                return HandlerResult.Error(409, "terminal-busy",
                    $"Terminal {serial} is being taken by other payments right now; try again, or choose another terminal.");
            }
        }
    }

    private static HandlerResult Answer(string serial, TerminalVerdict verdict, Decision decision)
    {
        if (decision.Rejection is { } rejection)
        {
            return HandlerResult.Error(409, rejection.Code, rejection.Message);
        }

        var state = decision.State!;
        return verdict == TerminalVerdict.Accepted
            ? HandlerResult.Ok(new SerialAccepted(state.PaymentId, serial, Accepted(serial, state.Phase)))
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
