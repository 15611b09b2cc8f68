namespace PosConnector.Domain.Terminals;

public enum TerminalCommandType
{
    Charge,
    Abort,
    Void,
    Refund,
}
