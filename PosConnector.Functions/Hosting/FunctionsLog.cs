using Microsoft.Extensions.Logging;

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

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Payment {PaymentId}: raised {Event} on its orchestration")]
    public static partial void OrchestrationNudged(ILogger logger, string paymentId, string @event);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Queue {Queue}: dropped a message that is not a payment id")]
    public static partial void NotAPaymentId(ILogger logger, string queue);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Payment {PaymentId}: callback attempt failed ({Failure}); the orchestration retries")]
    public static partial void CallbackAttemptFailed(ILogger logger, string paymentId, string failure);
}
