using Microsoft.Extensions.Logging;
using PosConnector.Core.Observability;

namespace PosConnector.Functions.Hosting;

/// <summary>
/// Log events of the Functions host (ids 500-599; Core's Log uses 100-499). Payment ids and step names only:
/// never callback bodies, tokens or keys (STYLE B8).
/// </summary>
public static partial class FunctionsLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Payment {PaymentId}: orchestration step {Step}")]
    public static partial void OrchestrationStep(ILogger logger, string paymentId, string step);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Payment {PaymentId}: orchestration started")]
    public static partial void OrchestrationStarted(ILogger logger, string paymentId);

    [LoggerMessage(EventId = 508, Level = LogLevel.Debug, Message = "Payment {PaymentId}: nothing left to orchestrate, no instance started")]
    public static partial void NothingToOrchestrate(ILogger logger, string paymentId);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Payment {PaymentId}: raised {Event} on its orchestration")]
    public static partial void OrchestrationNudged(ILogger logger, string paymentId, string @event);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Queue {Queue}: dropped a message that is not a payment id")]
    public static partial void NotAPaymentId(ILogger logger, string queue);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Payment {PaymentId}: callback attempt {Attempt} failed ({Failure})")]
    public static partial void CallbackAttemptFailed(ILogger logger, string paymentId, int attempt, string failure);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Payment {PaymentId}: activity {Activity} failed ({Failures} in a row); reading the table again in {Delay}")]
    public static partial void ActivityFailed(ILogger logger, string paymentId, string activity, int failures, TimeSpan delay);

    [LoggerMessage(EventId = OperatorAlerts.PoisonMessageEventId, Level = LogLevel.Critical, Message = "OPERATOR ALERT queue {Queue}: a message was poisoned (payment {PaymentId}); the sweep retries open payments, check the logs for its failures")]
    public static partial void PoisonMessage(ILogger logger, string queue, string paymentId);

    [LoggerMessage(EventId = 507, Level = LogLevel.Information, Message = "Purged {Count} finished orchestration instances created before {Before}")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset before);
}
