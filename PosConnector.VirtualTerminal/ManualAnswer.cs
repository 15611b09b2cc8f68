using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// What pressing a button did: <see cref="Result"/> is what to post (null for "time out"); for a charge that already
/// had a result, <see cref="Earlier"/> is that result.
/// </summary>
public sealed record ManualAnswer(
    ManualAnswerKind Kind, SimulatedTerminal? Terminal = null, TerminalResult? Result = null, HeldChargeState? Earlier = null);

public enum ManualAnswerKind
{
    Answered,
    UnknownCharge,
    AlreadyAnswered,
}
