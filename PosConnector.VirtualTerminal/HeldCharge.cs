using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>A charge a manual terminal holds until a button on the page (or the connector's abort) settles it.</summary>
public sealed record HeldCharge(TerminalCommand Command, HeldChargeState State);

public enum HeldChargeState
{
    Waiting,
    Approved,
    Declined,
    Failed,
    TimedOut,
    Aborted,
}
