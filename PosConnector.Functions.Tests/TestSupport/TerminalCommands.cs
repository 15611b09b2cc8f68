using PosConnector.Core.Terminals;

namespace PosConnector.Functions.Tests.TestSupport;

/// <summary>Terminal commands for transport tests, shaped as the decider issues them.</summary>
public static class TerminalCommands
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static TerminalCommand Of(TerminalCommandType type, string paymentId, string serial, int number = 1) =>
        new($"{paymentId}-{number}", type, paymentId, serial, 31.90m, "BRL", 1, CardType.Credit, "R-1",
            IssuedAt, IssuedAt.AddSeconds(150));

    public static TerminalCommand Charge(string paymentId, string serial) => Of(TerminalCommandType.Charge, paymentId, serial);
}
