using Microsoft.Extensions.Logging;
using PosConnector.Core.Http;
using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Terminals;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Handlers;

/// <summary>
/// A terminal's result: verified (signature, timestamp, terminal, command), then recorded in the payment's
/// state in the same transaction that applies it. Idempotent by commandId.
/// </summary>
public sealed class TerminalResultHandler(
    PaymentEngine engine, TerminalRegistry registry, TimeProvider time, ILogger<TerminalResultHandler> logger)
{
    public async Task<HandlerResult> HandleAsync(string serialNumber, string? signature, string rawBody, CancellationToken ct)
    {
        var known = Identifiers.IsSerialNumber(serialNumber);
        using var step = PaymentSpans.Begin(PaymentStep.TerminalResult, paymentId: null, known ? serialNumber : null);
        var terminal = known ? await registry.FindAsync(serialNumber, ct) : null;
        if (terminal is null)
        {
            return Refuse(serialNumber, 401, "unknown-terminal", "This terminal is not registered.");
        }

        var check = TerminalSignature.Verify(signature, terminal.Secret, rawBody, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            return Refuse(serialNumber, 401, "invalid-signature", $"X-Terminal-Signature is {check.ToString().ToLowerInvariant()}.");
        }

        var (result, parseError) = HttpEdge.ParseJson<TerminalResult>(rawBody);
        if (parseError is not null)
        {
            return Refuse(serialNumber, parseError);
        }

        if (TerminalResultValidator.Validate(result!) is { } invalid)
        {
            return Refuse(serialNumber, 400, "invalid-request", invalid);
        }

        // Only from a signed, valid result: the payment it names joins the step (the engine's decision goes on it).
        var paymentId = result!.PaymentId!;
        step.Activity?.SetTag(PaymentSpans.PaymentId, paymentId);
        step.Activity?.SetTag(PaymentSpans.CommandId, result.CommandId);
        if (await engine.LoadAsync(paymentId, ct) is not { } payment)
        {
            return Refuse(serialNumber, 404, "payment-not-found", $"No payment {result.PaymentId} exists.");
        }

        var decision = await engine.ApplyAsync(result.PaymentId!, new PaymentEvent.TerminalResultReceived(serialNumber, result), payment, ct);
        return decision.Rejection is { } rejection
            ? Refuse(serialNumber, 409, rejection.Code, rejection.Message)
            : HandlerResult.Ok(new ResultAccepted(result.PaymentId!, result.CommandId!, decision.Outcome == DecisionOutcome.Unchanged));
    }

    private HandlerResult Refuse(string serialNumber, int status, string code, string message) =>
        Refuse(serialNumber, HandlerResult.Error(status, code, message));

    private HandlerResult Refuse(string serialNumber, HandlerResult error)
    {
        var code = ((PppError)error.Body).Code;
        Log.TerminalResultRefused(logger, Identifiers.IsSerialNumber(serialNumber) ? serialNumber : "(invalid)", code);
        PaymentSpans.Refused(code);
        return error;
    }
}

public sealed record ResultAccepted(string PaymentId, string CommandId, bool Duplicate)
{
    public string Status { get; } = "accepted";
}
