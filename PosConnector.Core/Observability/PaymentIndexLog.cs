using Microsoft.Extensions.Logging;

namespace PosConnector.Core.Observability;

/// <summary>The search index's log events (49x), next to the rest of <see cref="Log"/>.</summary>
public static partial class Log
{
    [LoggerMessage(EventId = 490, Level = LogLevel.Warning, Message = "Payment {PaymentId}: its search index row was not written; its next write or the sweep repairs it")]
    public static partial void IndexWriteFailed(ILogger logger, Exception exception, string paymentId);

    [LoggerMessage(EventId = 491, Level = LogLevel.Warning, Message = "Payment {PaymentId}: its search index row could not be queued (writes backed up, or the host is stopping); its next write or the sweep repairs it")]
    public static partial void IndexWriteDropped(ILogger logger, string paymentId);
}
