using Azure;
using Azure.Data.Tables;
using PosConnector.Core.Handlers;
using PosConnector.Core.Storage;

namespace PosConnector.Core.Http;

/// <summary>GET /api/health: healthy when payment state storage answers within two seconds.</summary>
public sealed class HealthEndpoint(StorageClients storage)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task<HandlerResult> CheckAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Budget);
        try
        {
            await storage.Payments.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token);
            return HandlerResult.Ok(StatusBody.Healthy);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return HandlerResult.Error(503, "unhealthy", "Payment state storage is unreachable.");
        }
    }
}
