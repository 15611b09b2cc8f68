using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Payments;
using PosConnector.Functions.Hosting;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// The orchestrator's I/O, each a short delegation to Core: every state change goes through PaymentEngine, the one
/// write path both hosts share. Activities may run more than once; the engine makes repeats harmless.
/// </summary>
public sealed class PaymentActivities(
    PaymentEngine engine, CallbackDelivery delivery, IOptions<CallbackOptions> callbacks,
    TimeProvider time,
    ILogger<PaymentActivities> logger)
{
    [Function(nameof(ReadPaymentStep))]
    public async Task<StepDto> ReadPaymentStep([ActivityTrigger] string paymentId, CancellationToken ct) =>
        StepDto.From(PaymentOrchestration.Next(await engine.FindAsync(paymentId, ct)), callbacks.Value);

    /// <summary>Applies the deadline and returns the step the resulting state asks for: one activity, no read after it.</summary>
    [Function(nameof(ApplyDeadline))]
    public async Task<StepDto> ApplyDeadline([ActivityTrigger] string paymentId, CancellationToken ct)
    {
        var decision = await FunctionsEffectPlanner.OnOrchestrationTurnAsync(
            () => engine.ApplyAsync(paymentId, new PaymentEvent.DeadlineReached(), ct));
        return StepDto.From(PaymentOrchestration.Next(decision.State), callbacks.Value);
    }

    /// <summary>
    /// One POST of the final status with its true attempt number; true on a 2xx (recorded on the payment). An activity
    /// can run later than the orchestrator scheduled it, so it never POSTs once delayToCancel has passed.
    /// </summary>
    [Function(nameof(NotifyVtex))]
    public async Task<bool> NotifyVtex([ActivityTrigger] CallbackMessage callback, CancellationToken ct)
    {
        if (time.GetUtcNow() >= callback.GiveUpAt)
        {
            return false;
        }

        var result = await delivery.DeliverAsync(callback, ct);
        if (!result.Delivered)
        {
            FunctionsLog.CallbackAttemptFailed(logger, callback.PaymentId, callback.Attempt, result.Failure);
        }

        return result.Delivered;
    }

    /// <summary>
    /// No attempt that could still end before delayToCancel got a 2xx: an operator alert that says, true to the clock,
    /// whether delayToCancel has passed, and the payment stops owing a callback.
    /// </summary>
    [Function(nameof(AbandonCallback))]
    public Task AbandonCallback([ActivityTrigger] CallbackMessage callback, CancellationToken ct) =>
        delivery.AbandonAfterLastAttemptAsync(callback, "no 2xx from VTEX", ct);
}
