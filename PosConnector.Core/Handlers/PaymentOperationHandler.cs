using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Security;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>
/// Cancel, Settle and Refund: idempotent by requestId; a repeat gets the stored answer. Refusals (an unknown payment,
/// a payment rule) answer in the operation's own failure shape with the OpenAPI's failure status, 500.
/// </summary>
public sealed class PaymentOperationHandler(PaymentEngine engine)
{
    public Task<HandlerResult> CancelAsync(string paymentId, PaymentOperationRequest request, VtexCaller caller, CancellationToken ct) =>
        HandleAsync(paymentId, request, OperationKind.Cancellation, requireValue: false, caller, ct);

    public Task<HandlerResult> SettleAsync(string paymentId, PaymentOperationRequest request, VtexCaller caller, CancellationToken ct) =>
        HandleAsync(paymentId, request, OperationKind.Settlement, requireValue: true, caller, ct);

    public Task<HandlerResult> RefundAsync(string paymentId, PaymentOperationRequest request, VtexCaller caller, CancellationToken ct) =>
        HandleAsync(paymentId, request, OperationKind.Refund, requireValue: true, caller, ct);

    private async Task<HandlerResult> HandleAsync(
        string paymentId, PaymentOperationRequest request, OperationKind kind, bool requireValue, VtexCaller caller, CancellationToken ct)
    {
        using var step = PaymentSpans.Begin(kind switch
        {
            OperationKind.Cancellation => PaymentStep.Cancel,
            OperationKind.Settlement => PaymentStep.Settle,
            _ => PaymentStep.Refund,
        }, paymentId);
        if (!Identifiers.IsRequestId(request.RequestId) || string.IsNullOrWhiteSpace(request.RequestId))
        {
            return HandlerResult.Error(400, "invalid-request", $"requestId is required (at most {FieldLimits.RequestId} characters, no control characters).");
        }

        if (request.PaymentId is not null && request.PaymentId != paymentId)
        {
            return HandlerResult.Error(400, "invalid-request", "paymentId in the body does not match the URL.");
        }

        if (requireValue && (request.Value is not { } v || v <= 0 || decimal.Round(v, 4) != v))
        {
            return HandlerResult.Error(400, "invalid-request", "value is required and must be a positive amount.");
        }

        // Cancel's value is optional (a partial cancellation); the decider reads it in cents or as decimal.
        if (!requireValue && request.Value is { } c && (c < 0 || decimal.Round(c, 4) != c))
        {
            return HandlerResult.Error(400, "invalid-request", "value, when given, must be a positive amount.");
        }

        var requestId = request.RequestId;

        // Another merchant's payment is answered exactly like one that does not exist.
        if (await engine.LoadAsync(paymentId, ct) is not { } existing || !caller.Owns(existing.State.Order.MerchantName))
        {
            return Refused(paymentId, requestId, kind, new Rejection("payment-not-found", $"No payment {paymentId} exists."));
        }

        PaymentEvent @event = kind switch
        {
            OperationKind.Cancellation => new PaymentEvent.CancellationRequested(requestId, request.Value),
            OperationKind.Settlement => new PaymentEvent.SettlementRequested(requestId, request.Value),
            _ => new PaymentEvent.RefundRequested(requestId, request.Value!.Value),
        };
        var decision = await engine.ApplyAsync(paymentId, @event, existing, ct);
        var op = decision.State!.FindOperation(requestId);
        if (op is null && decision.Rejection is { BadInput: true } bad)
        {
            return HandlerResult.Error(400, bad.Code, bad.Message);
        }

        if (op is null || op.Kind != kind)
        {
            return Refused(paymentId, requestId, kind,
                decision.Rejection ?? new Rejection("request-id-reused", $"requestId {requestId} was used for another operation."));
        }

        return new HandlerResult(PaymentAnswers.HttpStatus(op), kind switch
        {
            OperationKind.Cancellation => PaymentAnswers.Cancellation(paymentId, op),
            OperationKind.Settlement => PaymentAnswers.Settlement(paymentId, op),
            _ => PaymentAnswers.Refund(paymentId, op),
        });
    }

    /// <summary>The operation's own failure shape (null id, value 0, why) with the OpenAPI's failure status.</summary>
    private static HandlerResult Refused(string paymentId, string requestId, OperationKind kind, Rejection r) =>
        new(PaymentAnswers.RefusedStatus, kind switch
        {
            OperationKind.Cancellation => new CancellationResponse(paymentId, null, r.Code, r.Message, requestId),
            OperationKind.Settlement => new SettlementResponse(paymentId, null, 0m, r.Code, r.Message, requestId),
            _ => new RefundResponse(paymentId, null, 0m, r.Code, r.Message, requestId),
        });
}
