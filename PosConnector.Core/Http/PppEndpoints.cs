using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PosConnector.Core.Handlers;
using PosConnector.Core.Options;
using PosConnector.Core.Security;
using PosConnector.Domain.Ppp;

namespace PosConnector.Core.Http;

/// <summary>
/// The PPP routes as both hosts serve them: authenticate → bounded read → parse → handler.
/// Host code only maps a route to one of these methods and writes the result.
/// </summary>
public sealed class PppEndpoints(
    VtexCredentialVerifier credentials,
    CreatePaymentHandler createPayment,
    PaymentOperationHandler operations,
    IOptions<ConnectorOptions> options)
{
    public static HandlerResult Manifest() => HandlerResult.Ok(Domain.Ppp.Manifest.Default);

    public static HandlerResult PaymentMethods() =>
        HandlerResult.Ok(PaymentMethodList.Default);

    public Task<HandlerResult> CreatePaymentAsync(HttpRequest request, CancellationToken ct) =>
        WithBodyAsync<CreatePaymentRequest>(request, (body, caller, c) => createPayment.HandleAsync(body, HttpEdge.IsTestSuite(request), caller, c), ct);

    public Task<HandlerResult> CancelAsync(HttpRequest request, string paymentId, CancellationToken ct) =>
        WithPaymentAsync<PaymentOperationRequest>(request, paymentId, (body, caller, c) => operations.CancelAsync(paymentId, body, caller, c), ct);

    public Task<HandlerResult> SettleAsync(HttpRequest request, string paymentId, CancellationToken ct) =>
        WithPaymentAsync<PaymentOperationRequest>(request, paymentId, (body, caller, c) => operations.SettleAsync(paymentId, body, caller, c), ct);

    public Task<HandlerResult> RefundAsync(HttpRequest request, string paymentId, CancellationToken ct) =>
        WithPaymentAsync<PaymentOperationRequest>(request, paymentId, (body, caller, c) => operations.RefundAsync(paymentId, body, caller, c), ct);

    /// <summary>Inbound (BETA): this connector exposes no inbound actions; the relayed caller gets a 404.</summary>
    public Task<HandlerResult> InboundAsync(HttpRequest request, string paymentId, string action, CancellationToken ct) =>
        WithPaymentAsync<InboundRequest>(request, paymentId, (body, _, _) => Task.FromResult(HandlerResult.Ok(new InboundResponse(
            body.RequestId ?? "", paymentId, "inbound-not-supported", $"No inbound action '{action}' exists.",
            new InboundResponseData(404, "application/json", "{\"message\":\"Unknown action.\"}")))), ct);

    private Task<HandlerResult> WithPaymentAsync<T>(
        HttpRequest request, string paymentId, Func<T, VtexCaller, CancellationToken, Task<HandlerResult>> handle, CancellationToken ct)
        where T : class => WithBodyAsync(request, handle, ct, paymentId);

    private async Task<HandlerResult> WithBodyAsync<T>(
        HttpRequest request, Func<T, VtexCaller, CancellationToken, Task<HandlerResult>> handle, CancellationToken ct, string? paymentId = null)
        where T : class
    {
        if (credentials.Authenticate(name => HttpEdge.Header(request, name), HttpEdge.IsTestSuite(request)) is not { } caller)
        {
            return HandlerResult.Error(401, "unauthorized", "Missing or invalid AppKey/AppToken.");
        }

        if (paymentId is not null && !Identifiers.IsPaymentId(paymentId))
        {
            return HandlerResult.Error(400, "invalid-request", "The paymentId in the URL is not valid.");
        }

        var (raw, readError) = await HttpEdge.ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, ct);
        if (readError is not null)
        {
            return readError;
        }

        var (body, parseError) = HttpEdge.ParseJson<T>(raw!);
        return parseError ?? await handle(body!, caller, ct);
    }
}
