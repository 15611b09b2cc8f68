using PosConnector.CallbackInspector;

namespace PosConnector.ConformanceKit;

/// <summary>
/// Plays VTEX's callback receiver: the callback inspector, started in this process, records what the deployment posts.
/// A deployed connector calls back only to hosts it allows (Vtex:CallbackHosts), so against one the receiver must be
/// reachable under an allowed public URL (--callback-public-url), else the runner marks it unusable and the callback
/// checks are skipped.
/// </summary>
public sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CallbackStore _store;
    private readonly string _publicBase;

    private CallbackListener(WebApplication app, string publicBase)
    {
        _app = app;
        _store = app.Services.GetRequiredService<CallbackStore>();
        _publicBase = publicBase.TrimEnd('/');
    }

    public static async Task<CallbackListener> StartAsync(string listenUrl, string? publicUrl)
    {
        // The inspector's own console logging would interleave with the report: the kit reports what it received.
        var app = CallbackInspectorHost.Build([$"--urls={listenUrl}", "--Logging:LogLevel:Default=None"]);
        await app.StartAsync();
        return new CallbackListener(app, publicUrl ?? app.Urls.First());
    }

    /// <summary>A callbackUrl shaped as VTEX's, with the X-VTEX-signature query the connector must keep [SIG].</summary>
    public string CallbackUrlFor(string paymentId) =>
        $"{_publicBase}/api/pvt/payment-provider/transactions/TX{paymentId}/payments/{paymentId}/callback?accountName=conformancekit&X-VTEX-signature={Signature(paymentId)}";

    public static string Signature(string paymentId) => "ck" + paymentId[^Math.Min(paymentId.Length, 24)..];

    public IReadOnlyList<ReceivedCallback> For(string paymentId) => _store.List(paymentId);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
