using PosConnector.Domain.Payments;

namespace PosConnector.Domain.Terminals;

/// <summary>
/// One live charge per terminal (docs/protocol.md §9): whether the payment that took a terminal still holds it,
/// derived from that payment's state alone, so nothing is ever released and nothing leaks when a process dies.
/// </summary>
public static class TerminalClaimRules
{
    /// <summary>
    /// How long past a charge's <c>expiresAt</c> a terminal may still be running it: a terminal never starts an expired
    /// charge (docs/terminal-integration.md §7), but one it started just before may take the customer this long to
    /// finish. It also absorbs clock differences between hosts. A late approval after it is voided, as always.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The claim still holds: its payment could still send its charge, or a charge it sent may still be running.
    /// A missing payment holds nothing. A payment still identifying the terminal at the very version it claimed at
    /// holds it too: its identification may yet commit (any other write to it makes that commit fail).
    /// </summary>
    public static bool Holds(TerminalClaim claim, string serialNumber, PaymentState? holder, long holderVersion, DateTimeOffset now) =>
        holder is not null
        && (holder.Phase == PaymentPhase.IdentifyingTerminal && holderVersion == claim.PaymentVersion && now < Latest(holder)
            || Holds(holder, serialNumber, now));

    /// <summary>
    /// From the payment's state: identified on the terminal (its charge goes out at the next Create Payment) or
    /// waiting for it, or a charge it sent there has no result, no confirmed abort, and has not long expired.
    /// Never past delayToCancel + <see cref="Grace"/>: by then the decider refuses to send a charge
    /// (identify-too-late) and every charge it sent has expired.
    /// </summary>
    public static bool Holds(PaymentState holder, string serialNumber, DateTimeOffset now) =>
        now < Latest(holder)
        && (holder.Phase is PaymentPhase.TerminalIdentified or PaymentPhase.AwaitingTerminal && holder.SerialNumber == serialNumber
            || holder.Commands.Any(c => IsLiveCharge(holder, c, serialNumber, now)));

    private static bool IsLiveCharge(PaymentState holder, IssuedCommand c, string serialNumber, DateTimeOffset now) =>
        c is { Type: TerminalCommandType.Charge, Result: null }
        && c.SerialNumber == serialNumber
        // The charge's expiresAt is at most this (a late serial shortens it): a bound that never frees too early.
        && now < c.IssuedAt.AddSeconds(holder.Terms.TerminalTimeoutSeconds) + Grace
        && !holder.Commands.Any(a => a is { Type: TerminalCommandType.Abort, Result: TerminalResultStatus.Approved or TerminalResultStatus.Aborted });

    private static DateTimeOffset Latest(PaymentState holder) => holder.CreatedAt.AddSeconds(holder.Terms.DelayToCancel) + Grace;
}
