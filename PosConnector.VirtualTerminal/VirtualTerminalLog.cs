using PosConnector.Core.Terminals;

namespace PosConnector.VirtualTerminal;

public static partial class VirtualTerminalLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: {Type} {CommandId} for {Amount} -> {Outcome}")]
    public static partial void CommandReceived(
        ILogger logger, string serialNumber, TerminalCommandType type, string commandId, decimal amount, TerminalResultStatus? outcome);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: result for {CommandId} posted, connector answered {StatusCode}")]
    public static partial void ResultPosted(ILogger logger, string serialNumber, string commandId, int statusCode);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Terminal {SerialNumber}: result for {CommandId} could not be delivered")]
    public static partial void ResultUndelivered(ILogger logger, string serialNumber, string commandId);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Command {CommandId} is for terminal {SerialNumber}, which this virtual terminal does not simulate")]
    public static partial void NotMine(ILogger logger, string commandId, string serialNumber);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Registered terminal {SerialNumber} with the connector ({StatusCode})")]
    public static partial void Registered(ILogger logger, string serialNumber, int statusCode);
}
