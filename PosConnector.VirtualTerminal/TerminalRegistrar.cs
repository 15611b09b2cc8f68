using Microsoft.Extensions.Options;

namespace PosConnector.VirtualTerminal;

/// <summary>Registers the simulated terminals with the connector's admin API (local runs and tests).</summary>
public sealed class TerminalRegistrar(HttpClient http, IOptions<VirtualTerminalOptions> options, ILogger<TerminalRegistrar> logger)
{
    public async Task RegisterAllAsync(CancellationToken ct)
    {
        var o = options.Value;
        foreach (var terminal in o.Terminals)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put,
                new Uri($"{o.ConnectorUrl.TrimEnd('/')}/api/admin/terminals/{Uri.EscapeDataString(terminal.SerialNumber)}"))
            {
                Content = JsonContent.Create(new { merchantName = o.MerchantName, label = terminal.Label, secret = terminal.Secret, enabled = true, storeCode = o.StoreCode }),
            };
            request.Headers.Add("X-Admin-Key", o.AdminKey);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            VirtualTerminalLog.Registered(logger, terminal.SerialNumber, (int)response.StatusCode);
        }
    }
}
