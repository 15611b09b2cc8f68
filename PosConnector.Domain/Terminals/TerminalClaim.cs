namespace PosConnector.Domain.Terminals;

/// <summary>
/// Which payment last took a terminal (stored on its registry row). <see cref="PaymentVersion"/> is the payment's
/// version when it took the terminal: its identification commits against exactly that version or not at all.
/// Whether the claim still holds is derived from that payment's state (<c>TerminalClaimRules</c>), never released.
/// </summary>
public sealed record TerminalClaim(string PaymentId, long PaymentVersion, DateTimeOffset ClaimedAt);
