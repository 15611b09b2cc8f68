using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Observability;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// Writes index rows off the request's path: the engine hands over each committed state that changes the index
/// (<see cref="PaymentIndex.Changes"/>) and returns at once; one reader writes them in commit order, so a payment's
/// rows land in the order they were committed in this process. A failed or dropped write never fails a payment: the
/// payment's next index write replaces the row whole, and the sweep rewrites the rows of the open payments it reads.
/// On stop, what is queued is written before the host's shutdown timeout.
/// </summary>
public sealed class PaymentIndexWriter(PaymentIndex index, ILogger<PaymentIndexWriter> logger) : BackgroundService
{
    private readonly Channel<PaymentState> _pending = Channel.CreateBounded<PaymentState>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues the row of <paramref name="state"/>; never blocks or throws.</summary>
    public void Enqueue(PaymentState state)
    {
        if (!_pending.Writer.TryWrite(state))
        {
            Log.IndexWriteDropped(logger, state.PaymentId);
        }
    }

    /// <summary>Writes the row now; false (logged) when storage refused it.</summary>
    public async Task<bool> TryWriteAsync(PaymentState state, CancellationToken ct)
    {
        try
        {
            await index.UpsertAsync(state, ct);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Log.IndexWriteFailed(logger, e, state.PaymentId);
            return false;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reads until the writer completes (on stop), so rows queued before the stop are still written.
        await foreach (var state in _pending.Reader.ReadAllAsync(CancellationToken.None))
        {
            await TryWriteAsync(state, CancellationToken.None);
        }
    }
}
