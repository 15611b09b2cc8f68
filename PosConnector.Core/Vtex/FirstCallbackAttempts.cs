using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Observability;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;

namespace PosConnector.Core.Vtex;

/// <summary>
/// Makes each payment's first callback attempt right after the commit that made it owed, from the process that made it,
/// off the request path (the terminal's result POST does not wait for VTEX), on both hosts. Its
/// <see cref="CallbackFallback"/>, queued before that commit and invisible for the attempt window, carries the retries
/// and takes over by itself if this process dies meanwhile. Stopping the host waits for attempts in flight.
/// </summary>
public sealed class FirstCallbackAttempts(IServiceProvider services, ILogger<FirstCallbackAttempts> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>Starts the attempt; <paramref name="saved"/> null means the caller does not know the new ETag, so it is read.</summary>
    public void Start(string paymentId, StoredPayment? saved, CallbackFallback fallback)
    {
        var attempt = Task.Run(() => AttemptAsync(paymentId, saved, fallback, _stopping.Token));
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

    private async Task AttemptAsync(string paymentId, StoredPayment? saved, CallbackFallback fallback, CancellationToken ct)
    {
        // Its own trace, linked to the step that started it (still the current activity here), which ends first.
        using var span = PaymentSpans.Begin(PaymentStep.Callback, paymentId);
        try
        {
            var delivery = services.GetRequiredService<CallbackDelivery>();
            saved ??= await services.GetRequiredService<PaymentEngine>().LoadAsync(paymentId, ct);
            if (saved is null)
            {
                return;
            }

            var step = await delivery.AttemptFirstAsync(saved, ct, fallback.Leased);
            if (step.RetryAfter is { } delay)
            {
                await fallback.Message.HideAsync(delay, fallback.RetryText(saved), ct);
            }
            else if (fallback.WakeAfterDelivery)
            {
                await fallback.Message.HideAsync(TimeSpan.Zero, null, ct);
            }
            else
            {
                await fallback.Message.DeleteAsync(ct);
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
