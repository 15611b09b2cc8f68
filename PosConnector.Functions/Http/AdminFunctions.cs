using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Http;

namespace PosConnector.Functions.Http;

/// <summary>
/// Operator routes, as the standalone AdminApi, behind the Functions master key (AuthorizationLevel.Admin) instead
/// of X-Admin-Key. The host refuses function routes that begin with "admin", whatever the route prefix; keeping
/// "api/" inside each route (routePrefix "") is what lets the public path stay /api/admin/... (README.md, "Routes").
/// </summary>
public sealed class AdminFunctions(AdminEndpoints endpoints, ILogger<AdminFunctions> logger)
{
    [Function(nameof(UpsertTerminal))]
    public Task<IActionResult> UpsertTerminal(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "api/admin/terminals/{serialNumber}")] HttpRequest req,
        string serialNumber,
        CancellationToken ct) =>
        endpoints.UpsertTerminalAsync(req, serialNumber, ct).ToActionResultAsync(req, logger);

    [Function(nameof(GetTerminal))]
    public Task<IActionResult> GetTerminal(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/terminals/{serialNumber}")] HttpRequest req,
        string serialNumber,
        CancellationToken ct) =>
        endpoints.GetTerminalAsync(serialNumber, ct).ToActionResultAsync(req, logger);

    [Function(nameof(ListTerminals))]
    public Task<IActionResult> ListTerminals(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/terminals")] HttpRequest req, CancellationToken ct) =>
        endpoints.ListTerminalsAsync(ct).ToActionResultAsync(req, logger);

    [Function(nameof(GetPayment))]
    public Task<IActionResult> GetPayment(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/payments/{paymentId}")] HttpRequest req,
        string paymentId,
        CancellationToken ct) =>
        endpoints.GetPaymentAsync(paymentId, ct).ToActionResultAsync(req, logger);

    [Function(nameof(ListAttention))]
    public Task<IActionResult> ListAttention(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/attention")] HttpRequest req, CancellationToken ct) =>
        endpoints.ListAttentionAsync(req, ct).ToActionResultAsync(req, logger);
}
