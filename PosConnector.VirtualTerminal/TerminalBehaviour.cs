using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PosConnector.Domain.Terminals;

namespace PosConnector.VirtualTerminal;

/// <summary>
/// The virtual terminal's outcome rules (docs/terminal-integration.md), a pure function of the command: charge cents
/// 01 declined, 02 never answers, 03 approves after the deadline, 04 fails, anything else approves; refund cents 05
/// declined (cents no charge rule uses), any other refund approves.
/// </summary>
public static class TerminalBehaviour
{
    public static TerminalPlan PlanFor(TerminalCommand command, TimeSpan answerDelay, TimeSpan lateDelay) => command.Type switch
    {
        TerminalCommandType.Charge => Cents(command.Amount) switch
        {
            1 => Answer(command, TerminalResultStatus.Declined, answerDelay, "insufficient funds"),
            2 => TerminalPlan.Silent,
            3 => Answer(command, TerminalResultStatus.Approved, command.ExpiresAt - command.CreatedAt + lateDelay, "approved late"),
            4 => Answer(command, TerminalResultStatus.Failed, answerDelay, "terminal error"),
            _ => Answer(command, TerminalResultStatus.Approved, answerDelay, "approved"),
        },
        TerminalCommandType.Refund when Cents(command.Amount) == 5 =>
            Answer(command, TerminalResultStatus.Declined, answerDelay, "refund declined"),
        // A late-approving charge is already past the point of no return: its abort fails.
        TerminalCommandType.Abort when Cents(command.Amount) == 3 =>
            Answer(command, TerminalResultStatus.Failed, answerDelay, "too late to abort"),
        _ => Answer(command, TerminalResultStatus.Approved, answerDelay, $"{command.Type.ToString().ToLowerInvariant()} done"),
    };

    public static int Cents(decimal amount) => (int)(decimal.Truncate(amount * 100m) % 100m);

    private static TerminalPlan Answer(TerminalCommand c, TerminalResultStatus status, TimeSpan after, string message) =>
        new(after, ResultFor(c, status, message));

    /// <summary>The signed-result body for a command; an approved charge carries the test card's data.</summary>
    public static TerminalResult ResultFor(TerminalCommand c, TerminalResultStatus status, string message)
    {
        var approvedCharge = c.Type == TerminalCommandType.Charge && status == TerminalResultStatus.Approved;
        var reference = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(c.CommandId)))[..10];
        return new TerminalResult
        {
            CommandId = c.CommandId,
            PaymentId = c.PaymentId,
            Type = c.Type,
            Status = status,
            AuthorizationId = approvedCharge ? $"AUT-{reference}" : null,
            Nsu = approvedCharge ? string.Create(CultureInfo.InvariantCulture, $"NSU-{reference}") : null,
            Tid = $"VT-{reference}",
            Acquirer = "VirtualAcquirer",
            CardBrand = approvedCharge ? "Visa" : null,
            FirstDigits = approvedCharge ? "411111" : null,
            LastDigits = approvedCharge ? "1111" : null,
            Message = message,
        };
    }
}

/// <summary>What the terminal will post, and after how long; <see cref="Result"/> null means it never answers.</summary>
public sealed record TerminalPlan(TimeSpan After, TerminalResult? Result)
{
    public static TerminalPlan Silent { get; } = new(TimeSpan.Zero, null);

    /// <summary>A charge held for a button on the terminal page: the page posts its result.</summary>
    public static TerminalPlan Held { get; } = new(Timeout.InfiniteTimeSpan, null);

    /// <summary>For the log line: the outcome, "never answers" or "waits for the page".</summary>
    public string Outcome => Result?.Status?.ToString().ToLowerInvariant()
        ?? (this == Held ? "waits for the page" : "never answers");
}
