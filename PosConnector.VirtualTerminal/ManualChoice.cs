using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>A button on the terminal page for a held charge.</summary>
public enum ManualChoice
{
    Approve,
    Decline,
    Fail,
    Timeout,
}

public static class ManualChoices
{
    /// <summary>The result status a button posts; null for "time out", which never answers.</summary>
    public static (TerminalResultStatus Status, string Message)? Outcome(ManualChoice choice) => choice switch
    {
        ManualChoice.Approve => (TerminalResultStatus.Approved, "approved on the terminal page"),
        ManualChoice.Decline => (TerminalResultStatus.Declined, "declined on the terminal page"),
        ManualChoice.Fail => (TerminalResultStatus.Failed, "failed on the terminal page"),
        _ => null,
    };

    /// <summary>A second press (e.g. a double-click) on a charge that already has a result: it changes nothing.</summary>
    public static string AlreadyAnswered(string commandId, HeldChargeState earlier) => earlier switch
    {
        HeldChargeState.TimedOut => $"Charge '{commandId}' was already left to time out; this press changed nothing.",
        HeldChargeState.Aborted => $"Charge '{commandId}' was already aborted by the connector; this press changed nothing.",
        _ => $"Charge '{commandId}' already has a result: {earlier.ToString().ToLowerInvariant()}; this press changed nothing.",
    };

    public static HeldChargeState StateAfter(ManualChoice choice) => choice switch
    {
        ManualChoice.Approve => HeldChargeState.Approved,
        ManualChoice.Decline => HeldChargeState.Declined,
        ManualChoice.Fail => HeldChargeState.Failed,
        _ => HeldChargeState.TimedOut,
    };
}
