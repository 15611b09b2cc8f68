using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Http;

namespace PosConnector.Functions.Http;

/// <summary>
/// The PPP routes the VTEX Gateway calls, one function per route of the standalone PppApi. Anonymous at the
/// Functions level because PppEndpoints checks the VTEX AppKey/AppToken itself, as on the standalone host.
/// Routes carry the "api/" segment themselves: host.json sets routePrefix "" (see README.md, "Routes").
/// </summary>
public sealed class PppFunctions(PppEndpoints endpoints, ILogger<PppFunctions> logger)
{
    [Function(nameof(GetManifest))]
    public static IActionResult GetManifest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/manifest")] HttpRequest req) =>
        PppEndpoints.Manifest().ToActionResult();

    [Function(nameof(GetPaymentMethods))]
    public static IActionResult GetPaymentMethods(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/payment-methods")] HttpRequest req) =>
        PppEndpoints.PaymentMethods().ToActionResult();

    [Function(nameof(CreatePayment))]
    public Task<IActionResult> CreatePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments")] HttpRequest req, CancellationToken ct) =>
        endpoints.CreatePaymentAsync(req, ct).ToActionResultAsync(req, logger);

    /// <summary>A cancellation that ends the wait says so (its StopWaiting effect wakes the orchestration).</summary>
    [Function(nameof(CancelPayment))]
    public Task<IActionResult> CancelPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments/{paymentId}/cancellations")] HttpRequest req,
        string paymentId,
        CancellationToken ct) =>
        endpoints.CancelAsync(req, paymentId, ct).ToActionResultAsync(req, logger);

    [Function(nameof(SettlePayment))]
    public Task<IActionResult> SettlePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments/{paymentId}/settlements")] HttpRequest req,
        string paymentId,
        CancellationToken ct) =>
        endpoints.SettleAsync(req, paymentId, ct).ToActionResultAsync(req, logger);

    [Function(nameof(RefundPayment))]
    public Task<IActionResult> RefundPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments/{paymentId}/refunds")] HttpRequest req,
        string paymentId,
        CancellationToken ct) =>
        endpoints.RefundAsync(req, paymentId, ct).ToActionResultAsync(req, logger);

    // Both spellings of the inbound route exist in VTEX's docs (docs/protocol.md §8).
    [Function(nameof(InboundRequest))]
    public Task<IActionResult> InboundRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments/{paymentId}/inbound/{action}")] HttpRequest req,
        string paymentId,
        string action,
        CancellationToken ct) =>
        endpoints.InboundAsync(req, paymentId, action, ct).ToActionResultAsync(req, logger);

    [Function(nameof(InboundRequestLegacy))]
    public Task<IActionResult> InboundRequestLegacy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/payments/{paymentId}/inbound-request/{action}")] HttpRequest req,
        string paymentId,
        string action,
        CancellationToken ct) =>
        endpoints.InboundAsync(req, paymentId, action, ct).ToActionResultAsync(req, logger);
}
