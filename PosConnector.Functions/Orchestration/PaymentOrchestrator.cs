using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PosConnector.Core.Orchestration;
using PosConnector.Core.Vtex;
using PosConnector.Functions.Hosting;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// One orchestration per payment (instance id = paymentId): a thin loop of "read the table → carry out the step".
/// Every rule lives in Core's PaymentOrchestration.Next; this class only uses context APIs, so it replays
/// deterministically (no clock, GUIDs, I/O, DI or options here: DURABLE0001-0010).
/// </summary>
public static class PaymentOrchestrator
{
    // Table reads and writes can fail transiently; a failed orchestration would wait for the next wakeup.
    private static readonly TaskOptions StorageRetry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30)));

    [Function(nameof(PaymentOrchestrator))]
    public static async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, string paymentId)
    {
        var logger = context.CreateReplaySafeLogger(nameof(PaymentOrchestrator));
        for (var turn = 0; turn < PaymentOrchestration.TurnsPerGeneration; turn++)
        {
            // Reading first makes an early, late or lost PaymentChanged event harmless.
            var step = await context.CallActivityAsync<StepDto>(nameof(PaymentActivities.ReadPaymentStep), paymentId, StorageRetry);
            FunctionsLog.OrchestrationStep(logger, paymentId, step.Kind);
            switch (step.Kind)
            {
                case StepDto.Complete:
                    return step.Kind;
                case StepDto.WaitForChange:
                    await context.WaitForExternalEvent<string>(PaymentOrchestration.PaymentChangedEvent);
                    break;
                case StepDto.WaitForChangeOrDeadline:
                    await WaitForChangeOrDeadlineAsync(context, paymentId, step.Deadline ?? throw MissingPart(step, "deadline"));
                    break;
                case StepDto.DeliverCallback:
                    await DeliverCallbackAsync(
                        context, step.Callback ?? throw MissingPart(step, "callback"), step.Retry ?? throw MissingPart(step, "retry"));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown orchestration step '{step.Kind}'.");
            }
        }

        // Bounded history: a fresh generation re-reads the table first (unprocessed events are carried over).
        context.ContinueAsNew(paymentId);
        return "continued-as-new";
    }

    private static async Task WaitForChangeOrDeadlineAsync(TaskOrchestrationContext context, string paymentId, DateTimeOffset deadline)
    {
        using var timerCts = new CancellationTokenSource();
        using var eventCts = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline.UtcDateTime, timerCts.Token);
        var changed = context.WaitForExternalEvent<string>(PaymentOrchestration.PaymentChangedEvent, eventCts.Token);
        if (await Task.WhenAny(timer, changed) == changed)
        {
            // A pending timer would keep the instance alive until it fires.
            timerCts.Cancel();
            return;
        }

        // A waiter left behind would swallow the next PaymentChanged meant for the next turn.
        eventCts.Cancel();
        await context.CallActivityAsync(nameof(PaymentActivities.ApplyDeadline), paymentId, StorageRetry);
    }

    private static async Task DeliverCallbackAsync(TaskOrchestrationContext context, CallbackMessage callback, CallbackRetry retry)
    {
        var window = callback.GiveUpAt.UtcDateTime - context.CurrentUtcDateTime;
        var attempts = CallbackRetryPlan.AttemptsWithin(retry, window);
        try
        {
            // NotifyVtex throws on anything but 2xx, so the policy retries it with Core's backoff.
            await context.CallActivityAsync(nameof(PaymentActivities.NotifyVtex), callback, CallbackRetryPlan.Options(retry, attempts, window));
        }
        catch (TaskFailedException)
        {
            // delayToCancel passed without a 2xx: record it (an operator alert) so the payment stops owing a callback.
            await context.CallActivityAsync(nameof(PaymentActivities.AbandonCallback), callback with { Attempt = attempts }, StorageRetry);
        }
    }

    private static InvalidOperationException MissingPart(StepDto step, string part) =>
        new($"Orchestration step '{step.Kind}' arrived without its {part}.");
}
