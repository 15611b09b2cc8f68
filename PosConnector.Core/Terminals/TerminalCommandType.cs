namespace PosConnector.Core.Terminals;

public enum TerminalCommandType
{
    Charge,
    Abort,
    Void,
    Refund,
}
