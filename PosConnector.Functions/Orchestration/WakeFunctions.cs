using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Domain.Ppp;
using PosConnector.Functions.Hosting;
using PosConnector.Functions.Messaging;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// The two Storage Queue triggers: wakeups (start or nudge a payment's orchestration) and outbox reminders
/// (re-drive effects a crash left undispatched, like the standalone OutboxWorker). A failure leaves the message
/// to be retried; after host.json's maxDequeueCount it moves to "{queue}-poison".
/// </summary>
public sealed class WakeFunctions(
    PaymentEngine engine, StorageClients storage, IOptions<CallbackOptions> callbacks, TimeProvider time, ILogger<WakeFunctions> logger)
{
    /// <summary>
    /// The message is a payment id (a nudge) or, after a failed first callback attempt, that callback's next attempt.
    /// The step the instance takes next travels with the start or the event, computed here from the state read now,
    /// so the orchestration never runs an activity only to read the table.
    /// </summary>
    [Function(nameof(WakePayment))]
    public async Task WakePayment(
        [QueueTrigger(QueueNames.Wakeups)] string message, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        if (PaymentWakeups.Parse(message) is not { } wakeup)
        {
            FunctionsLog.NotAPaymentId(logger, QueueNames.Wakeups);
            return;
        }

        var paymentId = wakeup.PaymentId;
        var step = StepDto.From(PaymentOrchestration.Next(await engine.FindAsync(paymentId, ct), wakeup.Attempt), callbacks.Value);

        // Nudge a live instance; (re)start only a missing or finished one (docs/architecture.md "Durable pitfalls"), and
        // only while the payment still needs one: a payment that ended with its callback settled before its wake-up was
        // read (a fast sale, a callback the first attempt delivered) would start an instance only to read that and end.
        var instance = await client.GetInstanceAsync(paymentId, getInputsAndOutputs: false, ct);
        if (instance is null || instance.IsCompleted)
        {
            if (step.Kind == StepDto.Complete)
            {
                FunctionsLog.NothingToOrchestrate(logger, paymentId);
                return;
            }

            await StartAsync(client, paymentId, step, ct);
        }
        else
        {
            await RaiseAsync(client, paymentId, step, ct);
        }
    }

    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(1);

    [Function(nameof(DrainOutbox))]
    public async Task DrainOutbox([QueueTrigger(QueueNames.Outbox)] string paymentId, CancellationToken ct)
    {
        if (!Identifiers.IsPaymentId(paymentId))
        {
            FunctionsLog.NotAPaymentId(logger, QueueNames.Outbox);
            return;
        }

        // Another writer or drainer holds the rows: come back when its claim lapses (a crashed holder's rows are then free).
        if ((await engine.DrainOutboxAsync(paymentId, ct)).RetryAt is { } retryAt)
        {
            await storage.Outbox.SendMessageAsync(paymentId, QueueDelay.Until(retryAt + ClaimMargin, time.GetUtcNow()), cancellationToken: ct);
        }
    }

    private async Task StartAsync(DurableTaskClient client, string paymentId, StepDto step, CancellationToken ct)
    {
        try
        {
            await ScheduleAsync(client, paymentId, step, ct);
        }
        catch (Exception e) when (e is OrchestrationAlreadyExistsException or RpcException { StatusCode: StatusCode.AlreadyExists })
        {
            // Another wakeup started it a moment ago (newer clients map the gRPC status to the exception).
            await RaiseAsync(client, paymentId, step, ct);
        }
    }

    private async Task RaiseAsync(DurableTaskClient client, string paymentId, StepDto step, CancellationToken ct)
    {
        try
        {
            await client.RaiseEventAsync(paymentId, PaymentOrchestration.PaymentChangedEvent, step, ct);
            FunctionsLog.OrchestrationNudged(logger, paymentId, PaymentOrchestration.PaymentChangedEvent);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            // The instance vanished between the look-up and the raise (purged): start a fresh one with the same step.
            await ScheduleAsync(client, paymentId, step, ct);
        }
    }

    private async Task ScheduleAsync(DurableTaskClient client, string paymentId, StepDto step, CancellationToken ct)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(PaymentOrchestrator), new PaymentOrchestrationInput(paymentId, Step: step), new StartOrchestrationOptions(paymentId), ct);
        FunctionsLog.OrchestrationStarted(logger, paymentId);
    }
}
