using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PosConnector.Core.Handlers;
using PosConnector.Core.Options;
using PosConnector.Core.Security;

namespace PosConnector.Core.Http;

/// <summary>
/// Operator routes. Who may call them is the host's business: X-Admin-Key on the standalone host
/// (<see cref="IsAdmin"/>), the function admin key on Azure Functions.
/// </summary>
public sealed class AdminEndpoints(
    TerminalAdminHandler terminals, PaymentAdminHandler payments, IOptions<ConnectorOptions> options, AttentionHandler attention)
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public bool IsAdmin(HttpRequest request) =>
        options.Value.AdminKey.Length > 0 && SecretComparer.AreEqual(HttpEdge.Header(request, AdminKeyHeader), options.Value.AdminKey);

    public async Task<HandlerResult> UpsertTerminalAsync(HttpRequest request, string serialNumber, CancellationToken ct)
    {
        var (raw, readError) = await HttpEdge.ReadBodyAsync(request, 16 * 1024, ct);
        if (readError is not null)
        {
            return readError;
        }

        var (body, parseError) = HttpEdge.ParseJson<TerminalRegistration>(raw!);
        return parseError ?? await terminals.UpsertAsync(serialNumber, body!, ct);
    }

    public Task<HandlerResult> GetTerminalAsync(string serialNumber, CancellationToken ct) => terminals.GetAsync(serialNumber, ct);

    public Task<HandlerResult> ListTerminalsAsync(CancellationToken ct) => terminals.ListAsync(ct);

    public Task<HandlerResult> GetPaymentAsync(string paymentId, CancellationToken ct) => payments.GetAsync(paymentId, ct);

    /// <summary>GET /api/admin/attention[?olderThanSeconds=N]: payments an operator should look at.</summary>
    public Task<HandlerResult> ListAttentionAsync(HttpRequest request, CancellationToken ct) =>
        attention.ListAsync(request.Query["olderThanSeconds"].ToString(), ct);
}
