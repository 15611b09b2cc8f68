using PosConnector.Core.Http;
using PosConnector.Domain.Ppp;

namespace PosConnector.Standalone.Apis;

/// <summary>The PPP routes the VTEX Gateway calls (base URL given to VTEX: https://{host}/api).</summary>
public static class PppApi
{
    public static RouteGroupBuilder MapPppApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("PPP");
        api.MapGet("/manifest", () => PppEndpoints.Manifest().ToResult())
            .Describe("GetManifest", "Manifest", "Payment methods, custom fields and the auto-settle window this provider offers.")
            .Returns<Manifest>();
        api.MapGet("/payment-methods", () => PppEndpoints.PaymentMethods().ToResult())
            .Describe("GetPaymentMethods", "Payment methods", "The names of the payment methods this provider accepts.")
            .Returns<PaymentMethodList>();
        api.MapPost("/payments", (HttpRequest r, PppEndpoints e, CancellationToken ct) =>
            e.CreatePaymentAsync(r, ct).ToResult())
            .Describe("CreatePayment", "Create payment", "Create Payment: first call answers with the terminal-connector app; after the serial, sends the charge. Idempotent by paymentId.")
            .Operation<CreatePaymentRequest, CreatePaymentResponse>().Fails(400);
        // Refusals (an unknown or another merchant's payment, a payment rule) answer 500 in the operation's own shape.
        api.MapPost("/payments/{paymentId}/cancellations", (HttpRequest r, string paymentId, PppEndpoints e, CancellationToken ct) =>
            e.CancelAsync(r, paymentId, ct).ToResult())
            .Describe("CancelPayment", "Cancel payment", "Cancel before the payment is final, or return an approved one to the card: a void for the whole unsettled sale, a refund of exactly a partial value (value in cents or decimal; 501 cancel-manually if ambiguous or once settled, 400 if no reading fits).")
            .Operation<PaymentOperationRequest, CancellationResponse>().Returns<CancellationResponse>(500, 501).Fails(400);
        api.MapPost("/payments/{paymentId}/settlements", (HttpRequest r, string paymentId, PppEndpoints e, CancellationToken ct) =>
            e.SettleAsync(r, paymentId, ct).ToResult())
            .Describe("SettlePayment", "Settle payment", "Settle (capture) all or part of an approved payment. Idempotent by requestId.")
            .Operation<PaymentOperationRequest, SettlementResponse>().Returns<SettlementResponse>(500).Fails(400);
        api.MapPost("/payments/{paymentId}/refunds", (HttpRequest r, string paymentId, PppEndpoints e, CancellationToken ct) =>
            e.RefundAsync(r, paymentId, ct).ToResult())
            .Describe("RefundPayment", "Refund payment", "Refund part or all of the settled amount on the terminal: 500 while the terminal has not confirmed (VTEX retries), 500 refund-declined if the terminal refused (never refund-manually, which makes VTEX refund twice).")
            .Operation<PaymentOperationRequest, RefundResponse>().Returns<RefundResponse>(500).Fails(400);
        // Both spellings of the inbound route exist in VTEX's docs (docs/protocol.md §8).
        api.MapPost("/payments/{paymentId}/inbound/{action}", (HttpRequest r, string paymentId, string action, PppEndpoints e, CancellationToken ct) =>
            e.InboundAsync(r, paymentId, action, ct).ToResult())
            .Describe("InboundRequest", "Inbound request", "Inbound request (beta): no inbound action exists; responseData carries a 404 for the original caller.")
            .Operation<InboundRequest, InboundResponse>().Fails(400);
        api.MapPost("/payments/{paymentId}/inbound-request/{action}", (HttpRequest r, string paymentId, string action, PppEndpoints e, CancellationToken ct) =>
            e.InboundAsync(r, paymentId, action, ct).ToResult())
            .Describe("InboundRequestLegacy", "Inbound request (other spelling)", "The same inbound request under its other documented spelling.")
            .Operation<InboundRequest, InboundResponse>().Fails(400);
        return api;
    }

    /// <summary>A Gateway call: authenticated with AppKey/AppToken, bounded body.</summary>
    private static RouteHandlerBuilder Operation<TRequest, TResponse>(this RouteHandlerBuilder route)
        where TRequest : notnull
    {
        route.AcceptsJson<TRequest>().Returns<TResponse>().Fails(401, 413).RequiresCredentials(ApiCredential.VtexAppKey, ApiCredential.VtexAppToken);
        return route;
    }
}
