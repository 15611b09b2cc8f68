using System.Text;
using Microsoft.Extensions.Options;
using PosConnector.Core.Json;
using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>Posts a signed result to the connector, retrying while it is unreachable or answers 5xx.</summary>
public sealed class ResultPoster(
    HttpClient http, IOptions<VirtualTerminalOptions> options, TerminalBoard board, TimeProvider time, ILogger<ResultPoster> logger)
{
    public async Task<int?> PostAsync(SimulatedTerminal terminal, TerminalResult result, CancellationToken ct)
    {
        var body = PosConnectorJson.Serialize(result);
        var url = new Uri($"{options.Value.ConnectorUrl.TrimEnd('/')}/api/terminals/{Uri.EscapeDataString(terminal.SerialNumber)}/results");
        var giveUpAt = time.GetUtcNow() + options.Value.DeliveryPatience;
        while (true)
        {
            int? status = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(TerminalSignature.HeaderName, TerminalSignature.Create(terminal.Secret, time.GetUtcNow(), body));
                using var response = await http.SendAsync(request, ct);
                status = (int)response.StatusCode;
                if (status < 500)
                {
                    VirtualTerminalLog.ResultPosted(logger, terminal.SerialNumber, result.CommandId ?? "", status.Value);
                    board.Posted(terminal.SerialNumber, result, status);
                    return status;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The connector is down or too slow to answer: a real processor keeps retrying its webhook too.
            }

            if (time.GetUtcNow() > giveUpAt)
            {
                VirtualTerminalLog.ResultUndelivered(logger, terminal.SerialNumber, result.CommandId ?? "");
                board.Posted(terminal.SerialNumber, result, status);
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
        }
    }
}
