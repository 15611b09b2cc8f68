using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PosConnector.Core.Handlers;
using PosConnector.Core.Options;
using PosConnector.Domain.Terminals;

namespace PosConnector.Core.Http;

/// <summary>Our own public routes: the submitUrl (with CORS for the Payment App in Sales App) and terminal results.</summary>
public sealed class PosEndpoints(
    SubmitSerialHandler submitSerial, TerminalResultHandler terminalResult, IOptions<ConnectorOptions> options, IOptions<CorsOptions> cors)
{
    /// <summary>The submitUrl route serves POST and the browser's OPTIONS preflight, in both hosts.</summary>
    public async Task<HandlerResult> SubmitSerialAsync(HttpRequest request, string paymentId, CancellationToken ct)
    {
        if (HttpMethods.IsOptions(request.Method))
        {
            return SubmitUrlCors.Preflight(request, cors.Value);
        }

        SubmitUrlCors.Apply(request, cors.Value);
        var (raw, readError) = await HttpEdge.ReadBodyAsync(request, 16 * 1024, ct);
        if (readError is not null)
        {
            return readError;
        }

        var (body, parseError) = HttpEdge.ParseJson<SerialSubmission>(raw!);
        return parseError ?? await submitSerial.HandleAsync(paymentId, request.Query["token"].ToString(), body!, ct);
    }

    public async Task<HandlerResult> ReceiveTerminalResultAsync(HttpRequest request, string serialNumber, CancellationToken ct)
    {
        var (raw, readError) = await HttpEdge.ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, ct);
        return readError ?? await terminalResult.HandleAsync(
            serialNumber, HttpEdge.Header(request, TerminalSignature.HeaderName), raw!, ct);
    }
}
