using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PosConnector.Core.Vtex;
using PosConnector.Functions.Hosting;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// One orchestration per payment (instance id = paymentId): a thin loop of "carry out the step → take the next one".
/// Each step arrives with what woke the instance (its input, the PaymentChanged event, the deadline activity's answer),
/// computed by <see cref="PaymentOrchestration.Next"/> from the state the waker had just read or written, so a turn
/// costs no activity that only reads the table. Every rule lives in Core and the domain (PaymentOrchestration.Next,
/// CallbackRetry); this class only uses context APIs, so it replays deterministically (no clock, GUIDs, I/O, DI or
/// options here: DURABLE0001-0010).
/// It never fails on an activity failure: it waits on a durable timer and reads the table, so neither a storage outage
/// nor a poison wakeup strands a payment (the sweep restarts an instance that failed anyway).
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
        var step = input.Step;
        var failures = 0;
        for (var turn = 0; turn < PaymentOrchestration.TurnsPerGeneration; turn++)
        {
            try
            {
                // No step in hand (an older input, or the last activity failed): the table says what is next.
                step ??= await context.CallActivityAsync<StepDto>(nameof(PaymentActivities.ReadPaymentStep), paymentId);
                FunctionsLog.OrchestrationStep(logger, paymentId, step.Kind);
                switch (step.Kind)
                {
                    case StepDto.Complete:
                        return step.Kind;
                    case StepDto.WaitForChange:
                        step = StepDto.Later(step, await context.WaitForExternalEvent<StepDto>(PaymentOrchestration.PaymentChangedEvent));
                        break;
                    case StepDto.WaitForChangeOrDeadline:
                        step = await WaitForChangeOrDeadlineAsync(context, step, step.Deadline ?? throw MissingPart(step, "deadline"));
                        break;
                    case StepDto.DeliverCallback:
                        var callback = step.Callback ?? throw MissingPart(step, "callback");
                        // The process that recorded the result made the first attempt(s); their count arrives with the step.
                        var nextAttempt = await DeliverCallbackAsync(
                            context,
                            logger,
                            callback,
                            step.Retry ?? throw MissingPart(step, "retry"),
                            Math.Max(callbackAttempt, callback.Attempt));
                        // Settled (delivered or abandoned): a final payment owes nothing else, and a later change that
                        // needs an orchestration wakes a fresh instance. Otherwise the chain goes on next turn.
                        callbackAttempt = nextAttempt ?? 1;
                        step = nextAttempt is null ? new StepDto(StepDto.Complete) : step;
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown orchestration step '{step.Kind}'.");
                }

                failures = 0;
            }
            catch (TaskFailedException e)
            {
                failures++;
                step = null;
                var delay = PaymentOrchestration.RetryAfterFailure(failures);
                FunctionsLog.ActivityFailed(logger, paymentId, e.TaskName, failures, delay);
                await context.CreateTimer(context.CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }

        // Bounded history: a fresh generation starts from the step in hand (unprocessed events are carried over).
        context.ContinueAsNew(input with { CallbackAttempt = callbackAttempt, Step = step });
        return "continued-as-new";
    }

    /// <summary>
    /// The step the PaymentChanged event carries (unless it is stale), or the one the deadline's activity answers once
    /// the deadline has passed: that one is read from the table there and then, so it is taken as it is.
    /// </summary>
    private static async Task<StepDto> WaitForChangeOrDeadlineAsync(TaskOrchestrationContext context, StepDto current, DateTimeOffset deadline)
    {
        using var timerCts = new CancellationTokenSource();
        using var eventCts = new CancellationTokenSource();
        var timer = context.CreateTimer((deadline + PaymentOrchestration.DeadlineTimerMargin).UtcDateTime, timerCts.Token);
        var changed = context.WaitForExternalEvent<StepDto>(PaymentOrchestration.PaymentChangedEvent, eventCts.Token);
        if (await Task.WhenAny(timer, changed) == changed)
        {
            // A pending timer would keep the instance alive until it fires. Cancel, not CancelAsync: an orchestrator
            // must not await work on the thread pool.
            timerCts.Cancel();
            return StepDto.Later(current, await changed);
        }

        // A waiter left behind would swallow the next PaymentChanged meant for the next turn.
        eventCts.Cancel();
        return await context.CallActivityAsync<StepDto>(nameof(PaymentActivities.ApplyDeadline), context.InstanceId);
    }

    /// <summary>
    /// Core's backoff as an explicit loop: each POST carries its true attempt number, and no attempt is scheduled at or
    /// after GiveUpAt (delayToCancel); then the callback is abandoned with an operator alert. Returns null once the
    /// callback is settled, else the attempt number to go on with in the next turn (bounded history).
    /// </summary>
    private static async Task<int?> DeliverCallbackAsync(
        TaskOrchestrationContext context, ILogger logger, CallbackMessage callback, CallbackRetry retry, int firstAttempt)
    {
        for (var attempt = firstAttempt; attempt < firstAttempt + PaymentOrchestration.CallbackAttemptsPerTurn; attempt++)
        {
            if (context.CurrentUtcDateTime >= callback.GiveUpAt.UtcDateTime)
            {
                await AbandonAsync(context, callback with { Attempt = attempt - 1 });
                return null;
            }

            if (await TryNotifyAsync(context, logger, callback with { Attempt = attempt }))
            {
                return null;
            }

            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            if (retry.NextAttemptAt(attempt, now, callback.GiveUpAt) is not { } next)
            {
                await AbandonAsync(context, callback with { Attempt = attempt });
                return null;
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
