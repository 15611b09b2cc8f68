using Microsoft.Extensions.Logging;

namespace PosConnector.Core.Observability;

/// <summary>Exactly-once dispatch, storage limits and worker resilience.</summary>
public static partial class Log
{
    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Payment {PaymentId}: {Effect} no longer owed, not sent again")]
    public static partial void NotOwed(ILogger logger, string paymentId, string effect);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Payment {PaymentId}: outbox held by another drainer until {Until}")]
    public static partial void OutboxBusy(ILogger logger, string paymentId, DateTimeOffset until);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Payment {PaymentId}: {Event} refused, the payment would outgrow storage")]
    public static partial void TooLarge(ILogger logger, Exception exception, string paymentId, string @event);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "Queue {Queue}: storage unavailable, retrying in {Delay}")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(EventId = 208, Level = LogLevel.Critical, Message = "Queue {Queue}: worker failed; the host stops with a non-zero exit code")]
    public static partial void WorkerFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Payment {PaymentId}: callback already {Status}, not posted again")]
    public static partial void CallbackNotOwed(ILogger logger, string paymentId, PosConnector.Domain.Payments.CallbackStatus? status);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Payment {PaymentId}: could not release the callback lease; it lapses by itself")]
    public static partial void LeaseNotReleased(ILogger logger, Exception exception, string paymentId);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "Payment {PaymentId}: could not {Step} a wake-up message; it fires, finds nothing owed and goes away")]
    public static partial void WakeupFollowUpFailed(ILogger logger, Exception exception, string paymentId, string step);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Payment {PaymentId}: the first callback attempt could not finish; its retry message takes over")]
    public static partial void FirstCallbackAttemptFailed(ILogger logger, Exception exception, string paymentId);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Payment {PaymentId}: VTEX accepted callback attempt {Attempt}, but recording it failed; it is recorded at the next attempt, never posted again by this process")]
    public static partial void CallbackDeliveredNotRecorded(ILogger logger, Exception exception, string paymentId, int attempt);
}
