using PosConnector.Core.Handlers;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Apis;

public static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/health", CheckAsync).WithTags("Health").WithName("GetHealth");

    /// <summary>Healthy when payment state storage answers within two seconds.</summary>
    private static async Task<IResult> CheckAsync(StorageClients storage, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await storage.Payments.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: timeout.Token);
            return HandlerResult.Ok(new { status = "healthy" }).ToResult();
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return HandlerResult.Error(503, "unhealthy", "Payment state storage is unreachable.").ToResult();
        }
    }
}
