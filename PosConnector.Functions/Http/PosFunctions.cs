using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Http;

namespace PosConnector.Functions.Http;

/// <summary>
/// Our own public routes, as the standalone PosApi: the submitUrl (token checked by Core) and terminal results
/// (X-Terminal-Signature checked by Core). A result that ends the wait emits NotifyVtex, and dispatching that
/// effect wakes the orchestration, so this function needs no wakeup of its own.
/// </summary>
public sealed class PosFunctions(PosEndpoints endpoints, ILogger<PosFunctions> logger)
{
    [Function(nameof(SubmitSerial))]
    public Task<IActionResult> SubmitSerial(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "api/pos/payments/{paymentId}/serial")] HttpRequest req,
        string paymentId,
        CancellationToken ct) =>
        endpoints.SubmitSerialAsync(req, paymentId, ct).ToActionResultAsync(req, logger);

    [Function(nameof(ReceiveTerminalResult))]
    public Task<IActionResult> ReceiveTerminalResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/terminals/{serialNumber}/results")] HttpRequest req,
        string serialNumber,
        CancellationToken ct) =>
        endpoints.ReceiveTerminalResultAsync(req, serialNumber, ct).ToActionResultAsync(req, logger);
}
