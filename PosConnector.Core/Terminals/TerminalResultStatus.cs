namespace PosConnector.Core.Terminals;

public enum TerminalResultStatus
{
    Approved,
    Declined,
    Failed,
    Aborted,
}
