using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Vtex;
using PosConnector.Functions.Hosting;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// One orchestration per payment (instance id = paymentId): a thin loop of "read the table → carry out the step".
/// Every rule lives in Core (PaymentOrchestration.Next, CallbackRetry); this class only uses context APIs, so it
/// replays deterministically (no clock, GUIDs, I/O, DI or options here: DURABLE0001-0010).
/// It never fails on an activity failure: it waits on a durable timer and reads the table again, so neither a
/// storage outage nor a poison wakeup strands a payment (the sweep restarts an instance that failed anyway).
/// </summary>
public static class PaymentOrchestrator
{
    [Function(nameof(PaymentOrchestrator))]
    public static async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, PaymentOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger(nameof(PaymentOrchestrator));
        var paymentId = input.PaymentId;
        var callbackAttempt = input.CallbackAttempt;
        var failures = 0;
        for (var turn = 0; turn < PaymentOrchestration.TurnsPerGeneration; turn++)
        {
            try
            {
                // Reading first makes an early, late or lost PaymentChanged event harmless.
                var step = await context.CallActivityAsync<StepDto>(nameof(PaymentActivities.ReadPaymentStep), paymentId);
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
                        callbackAttempt = await DeliverCallbackAsync(
                            context,
                            logger,
                            step.Callback ?? throw MissingPart(step, "callback"),
                            step.Retry ?? throw MissingPart(step, "retry"),
                            callbackAttempt);
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown orchestration step '{step.Kind}'.");
                }

                failures = 0;
            }
            catch (TaskFailedException e)
            {
                failures++;
                var delay = PaymentOrchestration.RetryAfterFailure(failures);
                FunctionsLog.ActivityFailed(logger, paymentId, e.TaskName, failures, delay);
                await context.CreateTimer(context.CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }

        // Bounded history: a fresh generation re-reads the table first (unprocessed events are carried over).
        context.ContinueAsNew(input with { CallbackAttempt = callbackAttempt });
        return "continued-as-new";
    }

    private static async Task WaitForChangeOrDeadlineAsync(TaskOrchestrationContext context, string paymentId, DateTimeOffset deadline)
    {
        using var timerCts = new CancellationTokenSource();
        using var eventCts = new CancellationTokenSource();
        var timer = context.CreateTimer((deadline + PaymentOrchestration.DeadlineTimerMargin).UtcDateTime, timerCts.Token);
        var changed = context.WaitForExternalEvent<string>(PaymentOrchestration.PaymentChangedEvent, eventCts.Token);
        if (await Task.WhenAny(timer, changed) == changed)
        {
            // A pending timer would keep the instance alive until it fires. Cancel, not CancelAsync: an orchestrator
            // must not await work on the thread pool.
            timerCts.Cancel();
            return;
        }

        // A waiter left behind would swallow the next PaymentChanged meant for the next turn.
        eventCts.Cancel();
        await context.CallActivityAsync(nameof(PaymentActivities.ApplyDeadline), paymentId);
    }

    /// <summary>
    /// Core's backoff as an explicit loop: each POST carries its true attempt number, and no attempt is scheduled at or
    /// after GiveUpAt (delayToCancel); then the callback is abandoned with an operator alert. Returns the attempt
    /// number to carry into the next turn (1 once the callback is settled).
    /// </summary>
    private static async Task<int> DeliverCallbackAsync(
        TaskOrchestrationContext context, ILogger logger, CallbackMessage callback, CallbackRetry retry, int firstAttempt)
    {
        for (var attempt = firstAttempt; attempt < firstAttempt + PaymentOrchestration.CallbackAttemptsPerTurn; attempt++)
        {
            if (context.CurrentUtcDateTime >= callback.GiveUpAt.UtcDateTime)
            {
                await AbandonAsync(context, callback with { Attempt = attempt - 1 });
                return 1;
            }

            if (await TryNotifyAsync(context, logger, callback with { Attempt = attempt }))
            {
                return 1;
            }

            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            if (retry.NextAttemptAt(attempt, now, callback.GiveUpAt) is not { } next)
            {
                await AbandonAsync(context, callback with { Attempt = attempt });
                return 1;
            }

            await context.CreateTimer(next.UtcDateTime, CancellationToken.None);
        }

        return firstAttempt + PaymentOrchestration.CallbackAttemptsPerTurn;
    }

    /// <summary>One POST; an activity failure (e.g. recording the delivery failed) counts as a failed attempt.</summary>
    private static async Task<bool> TryNotifyAsync(TaskOrchestrationContext context, ILogger logger, CallbackMessage callback)
    {
        try
        {
            return await context.CallActivityAsync<bool>(nameof(PaymentActivities.NotifyVtex), callback);
        }
        catch (TaskFailedException e)
        {
            FunctionsLog.ActivityFailed(logger, callback.PaymentId, e.TaskName, callback.Attempt, TimeSpan.Zero);
            return false;
        }
    }

    private static Task AbandonAsync(TaskOrchestrationContext context, CallbackMessage callback) =>
        context.CallActivityAsync(nameof(PaymentActivities.AbandonCallback), callback);

    private static InvalidOperationException MissingPart(StepDto step, string part) =>
        new($"Orchestration step '{step.Kind}' arrived without its {part}.");
}
