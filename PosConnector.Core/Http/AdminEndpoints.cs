using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PosConnector.Core.Handlers;
using PosConnector.Core.Options;
using PosConnector.Domain.Security;

namespace PosConnector.Core.Http;

/// <summary>
/// Operator routes behind X-Admin-Key (<see cref="IsAdmin"/>), checked the same way on both hosts.
/// </summary>
public sealed class AdminEndpoints(
    TerminalAdminHandler terminals,
    PaymentAdminHandler payments,
    IOptions<ConnectorOptions> options,
    AttentionHandler attention,
    PaymentSearchHandler search)
{
    public const string AdminKeyHeader = "X-Admin-Key";

    /// <summary>The answer to a caller without the admin key (or on a host whose admin key is empty).</summary>
    public static HandlerResult Unauthorized { get; } = HandlerResult.Error(401, "unauthorized", $"Missing or invalid {AdminKeyHeader}.");

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

    /// <summary>GET /api/admin/payments?paymentId|orderId|serialNumber|status|from|to|limit|next: a page of matching payments.</summary>
    public Task<HandlerResult> SearchPaymentsAsync(HttpRequest request, CancellationToken ct)
    {
        string? Q(string name) => request.Query[name].ToString();
        return search.SearchAsync(
            new PaymentSearchQuery(Q("paymentId"), Q("orderId"), Q("serialNumber"), Q("status"), Q("from"), Q("to"), Q("limit"), Q("next")), ct);
    }

    /// <summary>GET /api/admin/attention[?olderThanSeconds=N]: payments an operator should look at.</summary>
    public Task<HandlerResult> ListAttentionAsync(HttpRequest request, CancellationToken ct) =>
        attention.ListAsync(request.Query["olderThanSeconds"].ToString(), ct);
}
