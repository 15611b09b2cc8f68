using System.Collections.Concurrent;
using PosConnector.Core.Json;
using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;

namespace PosConnector.Standalone.Effects;

/// <summary>
/// Makes each payment's first callback attempt right after the commit that made it owed, off the request path (the
/// terminal's result POST does not wait for VTEX). Its retry message, queued before that commit and invisible for the
/// attempt window, is deleted after a delivery, brought forward to the backoff after a failure, and takes over by
/// itself if this process dies meanwhile. Stopping the host waits for attempts in flight.
/// </summary>
public sealed class FirstCallbackAttempts(IServiceProvider services, ILogger<FirstCallbackAttempts> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>Starts the attempt; <paramref name="saved"/> null means the caller does not know the new ETag, so it is read.</summary>
    public void Start(string paymentId, StoredPayment? saved, SentMessage retry)
    {
        var attempt = Task.Run(() => AttemptAsync(paymentId, saved, retry, _stopping.Token));
        _running.TryAdd(attempt, true);
        _ = attempt.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: the retry messages deliver what is left.
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task AttemptAsync(string paymentId, StoredPayment? saved, SentMessage retry, CancellationToken ct)
    {
        try
        {
            var delivery = services.GetRequiredService<CallbackDelivery>();
            saved ??= await services.GetRequiredService<PaymentEngine>().LoadAsync(paymentId, ct);
            if (saved is null)
            {
                return;
            }

            var step = await delivery.AttemptFirstAsync(saved, ct);
            if (step.RetryAfter is { } delay)
            {
                await retry.HideAsync(delay, PosConnectorJson.Serialize(CallbackMessage.For(saved.State, attempt: 2)), ct);
            }
            else
            {
                await retry.DeleteAsync(ct);
            }
        }
        catch (Exception e)
        {
            if (!ct.IsCancellationRequested)
            {
                Log.FirstCallbackAttemptFailed(logger, e, paymentId);
            }
        }
    }
}
