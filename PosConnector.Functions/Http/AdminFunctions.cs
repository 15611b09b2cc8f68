using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Handlers;
using PosConnector.Core.Http;

namespace PosConnector.Functions.Http;

/// <summary>
/// Operator routes, as the standalone AdminApi and behind the same X-Admin-Key (Core's AdminEndpoints.IsAdmin), so the
/// virtual terminal and the README work against a deployed app: Anonymous at the trigger, checked here.
/// The host refuses function routes that begin with "admin", whatever the route prefix; keeping "api/" inside each
/// route (routePrefix "") is what lets the public path stay /api/admin/... (README.md, "Routes").
/// </summary>
public sealed class AdminFunctions(AdminEndpoints endpoints, ILogger<AdminFunctions> logger)
{
    [Function(nameof(UpsertTerminal))]
    public Task<IActionResult> UpsertTerminal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/terminals/{serialNumber}")] HttpRequest req,
        string serialNumber,
        CancellationToken ct) =>
        AsAdmin(req, () => endpoints.UpsertTerminalAsync(req, serialNumber, ct));

    [Function(nameof(GetTerminal))]
    public Task<IActionResult> GetTerminal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/terminals/{serialNumber}")] HttpRequest req,
        string serialNumber,
        CancellationToken ct) =>
        AsAdmin(req, () => endpoints.GetTerminalAsync(serialNumber, ct));

    [Function(nameof(ListTerminals))]
    public Task<IActionResult> ListTerminals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/terminals")] HttpRequest req, CancellationToken ct) =>
        AsAdmin(req, () => endpoints.ListTerminalsAsync(ct));

    [Function(nameof(GetPayment))]
    public Task<IActionResult> GetPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/payments/{paymentId}")] HttpRequest req,
        string paymentId,
        CancellationToken ct) =>
        AsAdmin(req, () => endpoints.GetPaymentAsync(paymentId, ct));

    [Function(nameof(SearchPayments))]
    public Task<IActionResult> SearchPayments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/payments")] HttpRequest req, CancellationToken ct) =>
        AsAdmin(req, () => endpoints.SearchPaymentsAsync(req, ct));

    /// <summary>The page carries no data and so needs no key (a browser cannot send one when it opens a page); Easy Auth guards it on Azure.</summary>
    [Function(nameof(OperatorConsole))]
    public IActionResult OperatorConsole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Core.Http.OperatorConsole.Route)] HttpRequest req)
    {
        foreach (var (name, value) in Core.Http.OperatorConsole.Headers)
        {
            req.HttpContext.Response.Headers[name] = value;
        }

        return new ContentResult { Content = Core.Http.OperatorConsole.Html, ContentType = Core.Http.OperatorConsole.ContentType, StatusCode = 200 };
    }

    [Function(nameof(ListAttention))]
    public Task<IActionResult> ListAttention(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/attention")] HttpRequest req, CancellationToken ct) =>
        AsAdmin(req, () => endpoints.ListAttentionAsync(req, ct));

    private Task<IActionResult> AsAdmin(HttpRequest req, Func<Task<HandlerResult>> call) =>
        (endpoints.IsAdmin(req) ? call() : Task.FromResult(AdminEndpoints.Unauthorized)).ToActionResultAsync(req, logger);
}
