using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PosConnector.Core.Http;

namespace PosConnector.Functions.Http;

/// <summary>GET /api/health for probes: the same check as the standalone host (Core's HealthEndpoint).</summary>
public sealed class HealthFunctions(HealthEndpoint health)
{
    [Function(nameof(GetHealth))]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req, CancellationToken ct) =>
        (await health.CheckAsync(ct)).ToActionResult();
}
