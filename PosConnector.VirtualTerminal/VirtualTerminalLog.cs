using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

public static partial class VirtualTerminalLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: {Type} {CommandId} of payment {PaymentId} for {Amount} -> {Outcome}")]
    public static partial void CommandReceived(
        ILogger logger, string serialNumber, TerminalCommandType type, string commandId, string paymentId, decimal amount, string outcome);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: result for {CommandId} posted, connector answered {StatusCode}")]
    public static partial void ResultPosted(ILogger logger, string serialNumber, string commandId, int statusCode);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Terminal {SerialNumber}: result for {CommandId} could not be delivered")]
    public static partial void ResultUndelivered(ILogger logger, string serialNumber, string commandId);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information,
        Message = "Command {CommandId} is for terminal {SerialNumber}, which this virtual terminal does not simulate: left on the queue for the device or bridge that serves it")]
    public static partial void NotMine(ILogger logger, string commandId, string serialNumber);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Registered terminal {SerialNumber} with the connector ({StatusCode})")]
    public static partial void Registered(ILogger logger, string serialNumber, int statusCode);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: now {Mode} (terminal page)")]
    public static partial void ModeChanged(ILogger logger, string serialNumber, string mode);

    [LoggerMessage(EventId = 906, Level = LogLevel.Information, Message = "Terminal {SerialNumber}: {Choice} pressed for {CommandId} (terminal page)")]
    public static partial void Pressed(ILogger logger, string serialNumber, string commandId, ManualChoice choice);
}
