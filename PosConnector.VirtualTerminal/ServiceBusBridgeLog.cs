namespace PosConnector.VirtualTerminal;

/// <summary>Logs of the Service Bus terminal bridge (<see cref="ServiceBusCommandSource"/>).</summary>
public static partial class ServiceBusBridgeLog
{
    [LoggerMessage(EventId = 950, Level = LogLevel.Error, Message = "Message {MessageId} in session {SessionId} dead-lettered: {Problem}")]
    public static partial void CommandRejected(ILogger logger, string messageId, string sessionId, string problem);

    [LoggerMessage(EventId = 951, Level = LogLevel.Warning, Message = "Terminal {SerialNumber}: charge {CommandId} expired at {ExpiresAt}, not started")]
    public static partial void CommandExpired(ILogger logger, string serialNumber, string commandId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 952, Level = LogLevel.Error, Message = "Terminal {SerialNumber}: command {CommandId} failed; returned to the queue")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string serialNumber, string commandId);

    [LoggerMessage(EventId = 953, Level = LogLevel.Warning, Message = "Service Bus {ErrorSource} on {EntityPath} failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string errorSource, string entityPath);
}
