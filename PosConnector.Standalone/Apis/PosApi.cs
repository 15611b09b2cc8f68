using PosConnector.Core.Http;

namespace PosConnector.Standalone.Apis;

/// <summary>Our public routes: the submitUrl (VTEX's terminal-connector app) and terminal results.</summary>
public static class PosApi
{
    public static RouteGroupBuilder MapPosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("POS");
        api.MapMethods("/pos/payments/{paymentId}/serial", [HttpMethods.Post, HttpMethods.Options], (HttpRequest r, string paymentId, PosEndpoints e, CancellationToken ct) =>
            e.SubmitSerialAsync(r, paymentId, ct).ToResult()).WithName("SubmitSerial");
        api.MapPost("/terminals/{serialNumber}/results", (HttpRequest r, string serialNumber, PosEndpoints e, CancellationToken ct) =>
            e.ReceiveTerminalResultAsync(r, serialNumber, ct).ToResult()).WithName("ReceiveTerminalResult");
        return api;
    }
}
