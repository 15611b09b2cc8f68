using Azure;
using Microsoft.Extensions.Options;
using PosConnector.Core.Json;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Standalone.Workers;

namespace PosConnector.Standalone.Effects;

/// <summary>
/// The standalone plan. A deadline and a callback only wake a worker that reads the stored payment, so their messages
/// go out before the commit and are their own reminder: no outbox rows for them. Terminal commands must not leave
/// before the commit, so they get outbox rows, and the deadline message (or, without one, an outbox reminder) is
/// first made visible after the reminder delay, to drain them if this writer dies before sending them.
/// After the commit: the deadline message moves on to the deadline, the reminder is deleted, a payment that stopped
/// waiting (its decision says so: <see cref="PaymentEffect.NotifyVtex"/> or <see cref="PaymentEffect.StopWaiting"/>) has
/// its deadline message deleted, and the first callback attempt starts at once.
/// </summary>
public sealed class QueueEffectPlanner(
    StorageClients storage,
    DeadlineTimers deadlines,
    FirstCallbackAttempts firstCallbacks,
    IOptions<StorageOptions> storageOptions,
    IOptions<CallbackOptions> callbackOptions,
    TimeProvider time,
    ILogger<QueueEffectPlanner> logger,
    [FromKeyedServices(QueueSignal.Deadlines)] QueueSignal? deadlineSignal = null)
    : IEffectPlanner
{
    public async Task<EffectPlan> BeforeCommitAsync(
        string paymentId, IReadOnlyList<PaymentEffect> effects, EffectPlan? previous, CancellationToken ct)
    {
        if (previous is not null)
        {
            await DiscardAsync(previous, ct);
        }

        var now = time.GetUtcNow();
        var remindAfter = storageOptions.Value.OutboxReminderDelay;
        var commands = effects.Where(e => e is PaymentEffect.SendTerminalCommand).ToList();
        var deadline = effects.OfType<PaymentEffect.ScheduleDeadline>().FirstOrDefault()?.At;
        var notify = effects.OfType<PaymentEffect.NotifyVtex>().FirstOrDefault();

        var due = deadline is { } at ? QueueDelay.Until(at, now) : TimeSpan.Zero;
        var deadlineReminds = deadline is not null && commands.Count > 0 && remindAfter < due;
        // Reminders and the callback's retry fire only if this writer fails; the workers' idle polls find them.
        // A deadline that is not a reminder wakes its worker when due.
        var deadlineTask = deadline is null ? null
            : SendAsync(storage.Deadlines, paymentId, deadlineReminds ? remindAfter : due, deadlineReminds ? null : deadlineSignal, ct);
        var reminderTask = deadline is null && commands.Count > 0
            ? SendAsync(storage.Outbox, paymentId, remindAfter, null, ct)
            : null;
        var callbackTask = notify is null ? null : SendAsync(
            storage.Callbacks,
            PosConnectorJson.Serialize(CallbackMessage.For(paymentId, notify)),
            CallbackDelivery.AttemptWindowFor(callbackOptions.Value),
            null,
            ct);

        return new QueuePlan(
            paymentId,
            commands,
            deadlineTask is null ? null : await deadlineTask,
            deadlineReminds ? deadline : null,
            deadline,
            reminderTask is null ? null : await reminderTask,
            callbackTask is null ? null : await callbackTask,
            EndsWait: effects.Any(e => e is PaymentEffect.NotifyVtex or PaymentEffect.StopWaiting));
    }

    /// <summary>
    /// Starts the follow-ups without waiting for them: none is needed for the answer, and each only saves a message
    /// from firing for nothing (a drain that finds nothing owed, a deadline already past its payment).
    /// </summary>
    public Task AfterCommitAsync(EffectPlan plan, StoredPayment? saved, bool dispatched, CancellationToken ct)
    {
        var p = (QueuePlan)plan;
        var paymentId = p.PaymentId;
        if (p.Callback is { } retry)
        {
            firstCallbacks.Start(paymentId, saved, new CallbackFallback(retry, WakeAfterDelivery: false, CallbackFallback.SecondAttempt));
        }

        // Every command went out: the deadline message no longer needs to fire early, the reminder not at all.
        if (dispatched && p.Deadline is { } deadline && p.Due is { } due)
        {
            deadlines.Remember(paymentId, p.MoveDeadlineTo is { } at ? MoveAsync(paymentId, deadline, at) : Task.FromResult<SentMessage?>(deadline), due);
        }

        if (dispatched && p.Reminder is { } reminder)
        {
            _ = FollowUpAsync(paymentId, "delete", () => reminder.DeleteAsync(CancellationToken.None));
        }

        if (p.EndsWait && deadlines.Take(paymentId) is { } ended)
        {
            _ = FollowUpAsync(paymentId, "cancel", async () =>
            {
                if (await ended is { } message)
                {
                    await message.DeleteAsync(CancellationToken.None);
                }
            });
        }

        return Task.CompletedTask;
    }

    public async Task DiscardAsync(EffectPlan plan, CancellationToken ct)
    {
        var p = (QueuePlan)plan;
        foreach (var message in new[] { p.Deadline, p.Reminder, p.Callback }.OfType<SentMessage>())
        {
            await FollowUpAsync(p.PaymentId, "discard", () => message.DeleteAsync(ct));
        }
    }

    private static async Task<SentMessage> SendAsync(Azure.Storage.Queues.QueueClient queue, string text, TimeSpan delay, QueueSignal? signal, CancellationToken ct)
    {
        var sent = await SentMessage.SendAsync(queue, text, delay, ct);
        signal?.PulseAfter(delay);
        return sent;
    }

    private async Task<SentMessage?> MoveAsync(string paymentId, SentMessage message, DateTimeOffset at)
    {
        SentMessage? moved = null;
        await FollowUpAsync(paymentId, "move", async () =>
        {
            moved = await message.HideAsync(QueueDelay.Until(at, time.GetUtcNow()), null, CancellationToken.None);
            // Measured again after the move, so the wake-up lands just after the message becomes visible.
            deadlineSignal?.PulseAfter(QueueDelay.Until(at, time.GetUtcNow()));
        });
        return moved;
    }

    /// <summary>An optimisation step: if it fails, the message it would have moved or deleted fires and finds nothing owed.</summary>
    private async Task FollowUpAsync(string paymentId, string step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or ObjectDisposedException)
        {
            Log.WakeupFollowUpFailed(logger, e, paymentId, step);
        }
    }

    /// <summary>
    /// The wake-up messages sent for one decision. <see cref="MoveDeadlineTo"/> is set when the deadline message was made
    /// visible early, as the commands' reminder.
    /// </summary>
    private sealed record QueuePlan(
        string PaymentId,
        IReadOnlyList<PaymentEffect> Outbox,
        SentMessage? Deadline,
        DateTimeOffset? MoveDeadlineTo,
        DateTimeOffset? Due,
        SentMessage? Reminder,
        SentMessage? Callback,
        bool EndsWait) : EffectPlan(PaymentId, Outbox);
}
