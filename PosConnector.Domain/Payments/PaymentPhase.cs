namespace PosConnector.Domain.Payments;

public enum PaymentPhase
{
    /// <summary>Answered with the terminal-connector app; waiting for the serial number.</summary>
    IdentifyingTerminal,

    /// <summary>Serial accepted; the next Create Payment sends the charge.</summary>
    TerminalIdentified,

    /// <summary>Charge sent; waiting for the terminal's result or the deadline.</summary>
    AwaitingTerminal,

    Approved,
    Denied,

    /// <summary>Cancelled by VTEX before any final status (reported as denied).</summary>
    Cancelled,
}
