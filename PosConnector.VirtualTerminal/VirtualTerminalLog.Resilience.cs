namespace PosConnector.VirtualTerminal;

public static partial class VirtualTerminalLog
{
    [LoggerMessage(EventId = 905, Level = LogLevel.Error, Message = "Command queue unavailable, retrying in {Delay}")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 906, Level = LogLevel.Warning, Message = "Command message {MessageId} could not be handled; it comes back later")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 907, Level = LogLevel.Debug, Message = "Command {CommandId} (message {MessageId}) dequeued, queued at {InsertedOn}")]
    public static partial void CommandDequeued(ILogger logger, string messageId, DateTimeOffset? insertedOn, string commandId);
}
