using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Domain.Ppp;
using PosConnector.Functions.Hosting;
using PosConnector.Functions.Messaging;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// The safety nets around the orchestrations: the sweep (every 5 minutes, wakes every payment past its deadline or
/// still owing a callback), the daily purge of finished Durable instances in the same timer (<see cref="MaintenanceSchedule"/>),
/// and an operator alert per poison message.
/// </summary>
public sealed class MaintenanceFunctions(
    PaymentSweep sweep, PaymentWakeups wakeups, IOptions<SweepOptions> options, TimeProvider time, ILogger<MaintenanceFunctions> logger)
{
    public const string PoisonedWakeups = QueueNames.WakeupsPoison;
    public const string PoisonedOutbox = QueueNames.OutboxPoison;

    /// <summary>
    /// Wakes each payment the sweep finds (its orchestration then delivers or abandons the callback, or applies the
    /// deadline), then purges finished instances once a day.
    /// </summary>
    [Function(nameof(SweepPayments))]
    public async Task SweepPayments(
        [TimerTrigger(MaintenanceSchedule.Sweep)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        await sweep.SweepAsync((payment, token) => wakeups.WakeAsync(payment.State.PaymentId, token), ct);
        if (MaintenanceSchedule.PurgeIsDue(MaintenanceSchedule.AsUtc(timer.ScheduleStatus?.Last), time.GetUtcNow()))
        {
            await PurgeFinishedInstancesAsync(client, ct);
        }
    }

    /// <summary>A purged instance of a payment that is still open is simply started again by its next wakeup.</summary>
    private async Task PurgeFinishedInstancesAsync(DurableTaskClient client, CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.Value.InstanceRetention;
        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(
                CreatedFrom: null,
                CreatedTo: before,
                Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]),
            ct);
        FunctionsLog.Purged(logger, result.PurgedInstanceCount, before);
    }

    [Function(nameof(AlertPoisonedWakeup))]
    public void AlertPoisonedWakeup([QueueTrigger(PoisonedWakeups)] string message) => Alert(PoisonedWakeups, message);

    [Function(nameof(AlertPoisonedOutbox))]
    public void AlertPoisonedOutbox([QueueTrigger(PoisonedOutbox)] string message) => Alert(PoisonedOutbox, message);

    private void Alert(string queue, string message) =>
        FunctionsLog.PoisonMessage(logger, queue, Identifiers.IsPaymentId(message) ? message : "(not a payment id)");
}
