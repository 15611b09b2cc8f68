using System.Text;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;

namespace PosConnector.Core.Vtex;

/// <summary>POSTs the final Create Payment response to the callbackUrl exactly as VTEX gave it, with the partner's key.</summary>
public sealed class VtexCallbackClient(HttpClient http, IOptions<VtexOptions> vtex)
{
    public async Task<CallbackAttemptResult> PostAsync(string callbackUrl, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(callbackUrl, UriKind.Absolute))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-VTEX-API-AppKey", vtex.Value.CallbackAppKey);
        request.Headers.Add("X-VTEX-API-AppToken", vtex.Value.CallbackAppToken);
        request.Headers.Add("Accept", "application/json");
        try
        {
            using var response = await http.SendAsync(request, ct);
            return new CallbackAttemptResult((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new CallbackAttemptResult(null, e.GetType().Name);
        }
    }
}

/// <summary>The HTTP status VTEX answered, or why there was none.</summary>
public sealed record CallbackAttemptResult(int? StatusCode, string? TransportError)
{
    /// <summary>Nothing was posted: the payment no longer owes the callback (delivered or abandoned before).</summary>
    public static CallbackAttemptResult AlreadySettled { get; } = new(null, null) { Settled = true };

    /// <summary>Nothing was posted: another attempt of the same callback is in progress.</summary>
    public static CallbackAttemptResult InProgress { get; } = new(null, "another attempt is in progress") { Busy = true };

    /// <summary>VTEX answered 2xx to an earlier attempt of this process, not recorded then: nothing was posted now.</summary>
    public static CallbackAttemptResult DeliveredEarlier { get; } = new(null, null) { Settled = true };

    /// <summary>
    /// VTEX answered 2xx but recording it failed (storage): a later attempt records it without posting again, so this
    /// counts as not done yet.
    /// </summary>
    public static CallbackAttemptResult Unrecorded { get; } = new(null, "delivered, but recording it failed; the next attempt records it without posting") { Busy = true };

    public bool Settled { get; private init; }

    public bool Busy { get; private init; }

    /// <summary>True when nothing more is owed: VTEX answered 2xx now or the callback was settled before.</summary>
    public bool Delivered => Settled || StatusCode is >= 200 and < 300;

    public string Failure => StatusCode is { } code ? $"HTTP {code}" : TransportError ?? "unknown";
}
