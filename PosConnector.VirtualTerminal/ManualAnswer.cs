using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>What pressing a button did: <see cref="Result"/> is what to post (null for "time out").</summary>
public sealed record ManualAnswer(ManualAnswerKind Kind, SimulatedTerminal? Terminal = null, TerminalResult? Result = null);

public enum ManualAnswerKind
{
    Answered,
    UnknownCharge,
    AlreadySettled,
}
