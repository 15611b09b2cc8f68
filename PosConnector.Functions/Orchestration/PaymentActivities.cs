using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Core.Orchestration;
using PosConnector.Core.Payments;
using PosConnector.Core.Vtex;
using PosConnector.Functions.Hosting;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// The orchestrator's I/O, each a short delegation to Core: every state change goes through PaymentEngine, the one
/// write path both hosts share. Activities may run more than once; the engine makes repeats harmless.
/// </summary>
public sealed class PaymentActivities(
    PaymentEngine engine, CallbackDelivery delivery, IOptions<CallbackOptions> callbacks, ILogger<PaymentActivities> logger)
{
    [Function(nameof(ReadPaymentStep))]
    public async Task<StepDto> ReadPaymentStep([ActivityTrigger] string paymentId, CancellationToken ct) =>
        StepDto.From(PaymentOrchestration.Next(await engine.FindAsync(paymentId, ct)), callbacks.Value);

    [Function(nameof(ApplyDeadline))]
    public async Task ApplyDeadline([ActivityTrigger] string paymentId, CancellationToken ct) =>
        await engine.ApplyAsync(paymentId, new PaymentEvent.DeadlineReached(), ct);

    /// <summary>One POST of the final status; throws unless VTEX answered 2xx, so the orchestrator's RetryPolicy retries.</summary>
    [Function(nameof(NotifyVtex))]
    public async Task NotifyVtex([ActivityTrigger] CallbackMessage callback, CancellationToken ct)
    {
        // Durable does not tell an activity which retry it is, so Attempt is the orchestration's, not the POST's.
        var result = await delivery.DeliverAsync(callback, ct);
        if (!result.Delivered)
        {
            FunctionsLog.CallbackAttemptFailed(logger, callback.PaymentId, result.Failure);
            throw new HttpRequestException($"Callback for payment {callback.PaymentId} not delivered: {result.Failure}.");
        }
    }

    /// <summary>Every attempt before delayToCancel failed: an operator alert, and the payment stops owing a callback.</summary>
    [Function(nameof(AbandonCallback))]
    public Task AbandonCallback([ActivityTrigger] CallbackMessage callback, CancellationToken ct) =>
        delivery.AbandonAsync(callback, "no 2xx from VTEX before delayToCancel passed", ct);
}
