using PosConnector.Core.Payments;
using PosConnector.Core.Ppp;

namespace PosConnector.Core.Handlers;

/// <summary>Cancel, Settle and Refund: idempotent by requestId; a repeat gets the stored answer.</summary>
public sealed class PaymentOperationHandler(PaymentEngine engine)
{
    public Task<HandlerResult> CancelAsync(string paymentId, PaymentOperationRequest request, CancellationToken ct) =>
        HandleAsync(paymentId, request, OperationKind.Cancellation, requireValue: false, ct);

    public Task<HandlerResult> SettleAsync(string paymentId, PaymentOperationRequest request, CancellationToken ct) =>
        HandleAsync(paymentId, request, OperationKind.Settlement, requireValue: true, ct);

    public Task<HandlerResult> RefundAsync(string paymentId, PaymentOperationRequest request, CancellationToken ct) =>
        HandleAsync(paymentId, request, OperationKind.Refund, requireValue: true, ct);

    private async Task<HandlerResult> HandleAsync(
        string paymentId, PaymentOperationRequest request, OperationKind kind, bool requireValue, CancellationToken ct)
    {
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

        if (await engine.FindAsync(paymentId, ct) is null)
        {
            return HandlerResult.Error(404, "payment-not-found", $"No payment {paymentId} exists.");
        }

        var requestId = request.RequestId;
        PaymentEvent @event = kind switch
        {
            OperationKind.Cancellation => new PaymentEvent.CancellationRequested(requestId),
            OperationKind.Settlement => new PaymentEvent.SettlementRequested(requestId, request.Value),
            _ => new PaymentEvent.RefundRequested(requestId, request.Value!.Value),
        };
        var decision = await engine.ApplyAsync(paymentId, @event, ct);
        var op = decision.State!.FindOperation(requestId);
        if (op is null || op.Kind != kind)
        {
            var rejection = decision.Rejection ?? new Rejection("request-id-reused", $"requestId {requestId} was used for another operation.");
            return new HandlerResult(422, Refused(paymentId, requestId, kind, rejection));
        }

        return new HandlerResult(PaymentAnswers.HttpStatus(op), kind switch
        {
            OperationKind.Cancellation => PaymentAnswers.Cancellation(paymentId, op),
            OperationKind.Settlement => PaymentAnswers.Settlement(paymentId, op),
            _ => PaymentAnswers.Refund(paymentId, op),
        });
    }

    /// <summary>The operation's own failure shape: null id, value 0, and why.</summary>
    private static object Refused(string paymentId, string requestId, OperationKind kind, Rejection r) => kind switch
    {
        OperationKind.Cancellation => new CancellationResponse(paymentId, null, r.Code, r.Message, requestId),
        OperationKind.Settlement => new SettlementResponse(paymentId, null, 0m, r.Code, r.Message, requestId),
        _ => new RefundResponse(paymentId, null, 0m, r.Code, r.Message, requestId),
    };
}
