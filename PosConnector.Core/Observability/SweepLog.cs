using Microsoft.Extensions.Logging;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Observability;

/// <summary>The sweep's log events (48x), next to the rest of <see cref="Log"/>.</summary>
public static partial class Log
{
    [LoggerMessage(EventId = 480, Level = LogLevel.Information, Message = "Sweep: handled {Count} open payments")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 481, Level = LogLevel.Error, Message = "Payment {PaymentId}: the sweep could not handle it; the next sweep tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception, string paymentId);

    [LoggerMessage(EventId = 482, Level = LogLevel.Error, Message = "Sweep: reading open payments failed; the next sweep tries again")]
    public static partial void SweepScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = OperatorAlerts.PastDeadlineEventId, Level = LogLevel.Critical, Message = "OPERATOR ALERT payment {PaymentId}: still {Phase} {Overdue} after its deadline (its deadline step did not run); the sweep applies the deadline now")]
    public static partial void PastDeadline(ILogger logger, string paymentId, PaymentPhase phase, TimeSpan overdue);
}
