using PosConnector.Core.Handlers;
using PosConnector.Core.Http;
using PosConnector.Domain.Terminals;

namespace PosConnector.Standalone.Apis;

/// <summary>Our public routes: the submitUrl (VTEX's terminal-connector app) and terminal results.</summary>
public static class PosApi
{
    public static RouteGroupBuilder MapPosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("POS");
        api.MapPost("/pos/payments/{paymentId}/serial", (HttpRequest r, string paymentId, PosEndpoints e, CancellationToken ct) =>
            e.SubmitSerialAsync(r, paymentId, ct).ToResult())
            .Describe("SubmitSerial", "Submit the terminal serial", "The submitUrl: the terminal-connector app posts the serial number of the terminal that will charge. "
                + "409 terminal-busy: another payment holds that terminal (one live charge per terminal); the payment keeps waiting for a serial.")
            .AcceptsJson<SerialSubmission>().Returns<SerialAccepted>().Fails(400, 401, 404, 409, 413, 422)
            .RequiresCredentials(ApiCredential.SubmitToken);
        // A route of its own so the document names the preflight apart from the POST (one operationId each).
        api.MapMethods("/pos/payments/{paymentId}/serial", [HttpMethods.Options], (HttpRequest r, string paymentId, PosEndpoints e, CancellationToken ct) =>
            e.SubmitSerialAsync(r, paymentId, ct).ToResult())
            .Describe("SubmitSerialPreflight", "Submit the terminal serial: CORS preflight",
                "The browser's preflight before the terminal-connector app posts from Sales App (served from any of the store's domains): Access-Control-Allow-* headers echoing the Origin and the requested headers, for any origin unless Cors:DeniedOrigins or Cors:AllowedOrigins refuse it (then 403 origin-not-allowed).")
            .Returns<StatusBody>().Fails(403);
        api.MapPost("/terminals/{serialNumber}/results", (HttpRequest r, string serialNumber, PosEndpoints e, CancellationToken ct) =>
            e.ReceiveTerminalResultAsync(r, serialNumber, ct).ToResult())
            .Describe("ReceiveTerminalResult", "Terminal result", "A terminal reports the result of one command, signed with its secret. Idempotent by commandId.")
            .AcceptsJson<TerminalResult>().Returns<ResultAccepted>().Fails(400, 401, 404, 409, 413)
            .RequiresCredentials(ApiCredential.TerminalSignature);
        return api;
    }
}
