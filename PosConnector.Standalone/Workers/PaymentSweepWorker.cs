using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;

namespace PosConnector.Standalone.Workers;

/// <summary>
/// The standalone host's sweep (Core's PaymentSweep every Sweep:Interval): feeds DeadlineReached to payments whose
/// deadline message was lost, drains stuck outboxes, retries an owed callback once, and abandons it past delayToCancel.
/// </summary>
public sealed class PaymentSweepWorker(PaymentSweep sweep, IOptions<SweepOptions> options, TimeProvider time, ILogger<PaymentSweepWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // PaymentSweep logs each payment's failure; a failed scan waits for the next tick.
            try
            {
                await sweep.SweepAsync(sweep.HandleOwedCallbackAsync, stoppingToken);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
            {
                Log.SweepScanFailed(logger, e);
            }
        }
    }
}
