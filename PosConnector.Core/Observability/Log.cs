using Microsoft.Extensions.Logging;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Observability;

/// <summary>
/// Every log line the connector writes. Fields are limited to ids, phases, codes and counts:
/// never card numbers, tokens, secrets or raw bodies. Event ids: 1xx payments, 2xx effects, 3xx callbacks, 4xx edge.
/// </summary>
public static partial class Log
{
    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("Payment {PaymentId}");

    /// <summary>The paymentId scope of everything logged while a payment is handled, without a dictionary per call.</summary>
    public static IDisposable? PaymentScope(ILogger logger, string paymentId) => Scope(logger, paymentId);

    [LoggerMessage(EventId = OperatorAlerts.TransitionEventId, Level = LogLevel.Information, Message = "Payment {PaymentId}: {Event} moved {From} -> {To}: {Note}")]
    public static partial void Transition(ILogger logger, string paymentId, string @event, PaymentPhase? from, PaymentPhase? to, string note);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Payment {PaymentId}: {Event} rejected ({Code})")]
    public static partial void Rejected(ILogger logger, string paymentId, string @event, string code);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Payment {PaymentId}: concurrent write, retrying (attempt {Attempt})")]
    public static partial void Conflict(ILogger logger, string paymentId, int attempt);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Payment {PaymentId}: dispatched {Effect}")]
    public static partial void Dispatched(ILogger logger, string paymentId, string effect);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Payment {PaymentId}: dispatch failed, the outbox reminder will retry")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string paymentId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Queue {Queue}: message {MessageId} failed {DequeueCount} times, moved to poison")]
    public static partial void Poisoned(ILogger logger, string queue, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} failed, will be retried")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string queue, string messageId);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Payment {PaymentId}: callback delivered ({StatusCode}) on attempt {Attempt}")]
    public static partial void CallbackDelivered(ILogger logger, string paymentId, int statusCode, int attempt);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Payment {PaymentId}: callback attempt {Attempt} failed ({Failure}); next in {Delay}")]
    public static partial void CallbackFailed(ILogger logger, string paymentId, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = OperatorAlerts.CallbackAbandonedEventId, Level = LogLevel.Critical, Message = "OPERATOR ALERT payment {PaymentId}: callback abandoned after {Attempt} attempts ({Failure})")]
    public static partial void CallbackAbandoned(ILogger logger, string paymentId, int attempt, string failure);

    [LoggerMessage(EventId = OperatorAlerts.CallbackRefusedEventId, Level = LogLevel.Critical, Message = "OPERATOR ALERT payment {PaymentId}: callback to VTEX refused with {StatusCode}; check the partner AppKey/AppToken and owner account")]
    public static partial void CallbackUnauthorized(ILogger logger, string paymentId, int statusCode);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Terminal {SerialNumber}: result rejected ({Reason})")]
    public static partial void TerminalResultRefused(ILogger logger, string serialNumber, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 410, Level = LogLevel.Error, Message = "Terminal {SerialNumber}: its secret cannot be decrypted with the configured keys; re-register it or restore the old key")]
    public static partial void TerminalSecretUnreadable(ILogger logger, string serialNumber);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: secret re-encrypted with the current key")]
    public static partial void TerminalSecretReencrypted(ILogger logger, string serialNumber);
}
