using PosConnector.Core.Http;

namespace PosConnector.Standalone.Apis;

/// <summary>Operator routes behind X-Admin-Key.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin").AddEndpointFilter(RequireAdminKeyAsync);
        api.MapPut("/terminals/{serialNumber}", (HttpRequest r, string serialNumber, AdminEndpoints e, CancellationToken ct) =>
            e.UpsertTerminalAsync(r, serialNumber, ct).ToResult()).WithName("UpsertTerminal");
        api.MapGet("/terminals/{serialNumber}", (string serialNumber, AdminEndpoints e, CancellationToken ct) =>
            e.GetTerminalAsync(serialNumber, ct).ToResult()).WithName("GetTerminal");
        api.MapGet("/terminals", (AdminEndpoints e, CancellationToken ct) => e.ListTerminalsAsync(ct).ToResult()).WithName("ListTerminals");
        api.MapGet("/payments/{paymentId}", (string paymentId, AdminEndpoints e, CancellationToken ct) =>
            e.GetPaymentAsync(paymentId, ct).ToResult()).WithName("GetPayment");
        return api;
    }

    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<AdminEndpoints>().IsAdmin(context.HttpContext.Request)
            ? await next(context)
            : AdminEndpoints.Unauthorized.ToResult();
}
