using PosConnector.Core.Http;

namespace PosConnector.Standalone.Apis;

public static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", (HealthEndpoint health, CancellationToken ct) => health.CheckAsync(ct).ToResult())
            .WithTags("Health").Describe("GetHealth", "Health", "Healthy when payment state storage answers within two seconds.")
            .Returns<StatusBody>().Fails(503);
}
