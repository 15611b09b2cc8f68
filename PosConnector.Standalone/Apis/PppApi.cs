using PosConnector.Core.Http;

namespace PosConnector.Standalone.Apis;

/// <summary>The PPP routes the VTEX Gateway calls (base URL given to VTEX: https://{host}/api).</summary>
public static class PppApi
{
    public static RouteGroupBuilder MapPppApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("PPP");
        api.MapGet("/manifest", () => PppEndpoints.Manifest().ToResult()).WithName("GetManifest");
        api.MapGet("/payment-methods", () => PppEndpoints.PaymentMethods().ToResult()).WithName("GetPaymentMethods");
        api.MapPost("/payments", (HttpRequest r, PppEndpoints e, CancellationToken ct) =>
            e.CreatePaymentAsync(r, ct).ToResult()).WithName("CreatePayment");
        api.MapPost("/payments/{paymentId}/cancellations", (HttpRequest r, string paymentId, PppEndpoints e, CancellationToken ct) =>
            e.CancelAsync(r, paymentId, ct).ToResult()).WithName("CancelPayment");
        api.MapPost("/payments/{paymentId}/settlements", (HttpRequest r, string paymentId, PppEndpoints e, CancellationToken ct) =>
            e.SettleAsync(r, paymentId, ct).ToResult()).WithName("SettlePayment");
        api.MapPost("/payments/{paymentId}/refunds", (HttpRequest r, string paymentId, PppEndpoints e, CancellationToken ct) =>
            e.RefundAsync(r, paymentId, ct).ToResult()).WithName("RefundPayment");
        // Both spellings of the inbound route exist in VTEX's docs (docs/protocol.md §8).
        api.MapPost("/payments/{paymentId}/inbound/{action}", (HttpRequest r, string paymentId, string action, PppEndpoints e, CancellationToken ct) =>
            e.InboundAsync(r, paymentId, action, ct).ToResult()).WithName("InboundRequest");
        api.MapPost("/payments/{paymentId}/inbound-request/{action}", (HttpRequest r, string paymentId, string action, PppEndpoints e, CancellationToken ct) =>
            e.InboundAsync(r, paymentId, action, ct).ToResult()).WithName("InboundRequestLegacy");
        return api;
    }
}
