namespace PosConnector.Domain.Terminals;

public enum TerminalResultStatus
{
    Approved,
    Declined,
    Failed,
    Aborted,
}
