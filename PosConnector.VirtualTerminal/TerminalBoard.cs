using Microsoft.Extensions.Options;
using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// The terminals' live state for the page: which terminals are manual, the charges they hold and the results
/// posted. Automatic terminals (the default) keep the cents rules; a manual terminal holds each charge for a button.
/// </summary>
public sealed class TerminalBoard(IOptions<VirtualTerminalOptions> options, TimeProvider time)
{
    private const int KeptSettledCharges = 50;
    private const int KeptResults = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, bool> _manual = options.Value.Terminals.ToDictionary(t => t.SerialNumber, t => t.Manual);
    private readonly List<HeldCharge> _charges = [];
    private readonly LinkedList<PostedResult> _results = new();

    /// <summary>Decides what the terminal does with a command: the cents rules, or hold it for the page.</summary>
    public TerminalPlan PlanFor(SimulatedTerminal terminal, TerminalCommand command)
    {
        var automatic = TerminalBehaviour.PlanFor(command, options.Value.AnswerDelay, options.Value.LateApprovalDelay);
        lock (_gate)
        {
            var held = _charges.FindIndex(c => c.Command.PaymentId == command.PaymentId && c.Command.SerialNumber == command.SerialNumber);
            if (command.Type == TerminalCommandType.Abort && held >= 0)
            {
                return AbortHeld(held, command);
            }

            if (command.Type != TerminalCommandType.Charge || !_manual.GetValueOrDefault(terminal.SerialNumber))
            {
                return automatic;
            }

            _charges.Add(new HeldCharge(command, HeldChargeState.Waiting));
            PruneSettled();
            return TerminalPlan.Held;
        }
    }

    /// <summary>Switches a terminal between manual and the cents rules; false when it is not simulated here.</summary>
    public bool SetManual(string serialNumber, bool manual)
    {
        lock (_gate)
        {
            if (!_manual.ContainsKey(serialNumber))
            {
                return false;
            }

            _manual[serialNumber] = manual;
            return true;
        }
    }

    /// <summary>Settles a waiting charge with a button; the caller posts <see cref="ManualAnswer.Result"/>.</summary>
    public ManualAnswer Answer(string commandId, ManualChoice choice)
    {
        lock (_gate)
        {
            var index = _charges.FindIndex(c => c.Command.CommandId == commandId);
            if (index < 0)
            {
                return new ManualAnswer(ManualAnswerKind.UnknownCharge);
            }

            var charge = _charges[index];
            if (charge.State != HeldChargeState.Waiting)
            {
                return new ManualAnswer(ManualAnswerKind.AlreadyAnswered, Earlier: charge.State);
            }

            _charges[index] = charge with { State = ManualChoices.StateAfter(choice) };
            var terminal = options.Value.Terminals.First(t => t.SerialNumber == charge.Command.SerialNumber);
            var result = ManualChoices.Outcome(choice) is { } outcome
                ? TerminalBehaviour.ResultFor(charge.Command, outcome.Status, outcome.Message)
                : null;
            return new ManualAnswer(ManualAnswerKind.Answered, terminal, result);
        }
    }

    public void Posted(string serialNumber, TerminalResult result, int? connectorStatus)
    {
        lock (_gate)
        {
            _results.AddFirst(new PostedResult(time.GetUtcNow(), serialNumber, result, connectorStatus));
            if (_results.Count > KeptResults)
            {
                _results.RemoveLast();
            }
        }
    }

    public TerminalBoardView View()
    {
        lock (_gate)
        {
            var terminals = options.Value.Terminals.Select(t => new TerminalView(
                t.SerialNumber, t.Label, _manual[t.SerialNumber],
                [.. _charges.Where(c => c.Command.SerialNumber == t.SerialNumber).Reverse()]));
            return new TerminalBoardView(time.GetUtcNow(), [.. terminals], [.. _results]);
        }
    }

    // The connector gave up on a held charge: a waiting one is cancelled; one already approved is too late.
    private TerminalPlan AbortHeld(int index, TerminalCommand abort)
    {
        var charge = _charges[index];
        if (charge.State == HeldChargeState.Approved)
        {
            return new TerminalPlan(options.Value.AnswerDelay, TerminalBehaviour.ResultFor(abort, TerminalResultStatus.Failed, "too late to abort"));
        }

        if (charge.State is HeldChargeState.Waiting or HeldChargeState.TimedOut)
        {
            _charges[index] = charge with { State = HeldChargeState.Aborted };
        }

        return new TerminalPlan(options.Value.AnswerDelay, TerminalBehaviour.ResultFor(abort, TerminalResultStatus.Approved, "abort done"));
    }

    private void PruneSettled()
    {
        var settled = _charges.Where(c => c.State != HeldChargeState.Waiting).ToList();
        foreach (var old in settled.Take(Math.Max(0, settled.Count - KeptSettledCharges)))
        {
            _charges.Remove(old);
        }
    }
}
