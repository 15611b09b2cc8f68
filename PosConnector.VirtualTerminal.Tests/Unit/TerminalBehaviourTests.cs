using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.VirtualTerminal.Tests.Unit;

/// <summary>The virtual terminal's cents rules: which amounts approve, decline, fail, stay silent or approve late.</summary>
public sealed class TerminalBehaviourTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10.01, TerminalResultStatus.Declined)]
    [InlineData(10.04, TerminalResultStatus.Failed)]
    [InlineData(10.00, TerminalResultStatus.Approved)]
    [InlineData(31.90, TerminalResultStatus.Approved)]
    public void TerminalBehaviour_ChargeCents_PickTheOutcome(decimal amount, TerminalResultStatus expected)
    {
        var plan = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Charge, amount), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        Assert.Equal(expected, plan.Result!.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.After);
    }

    [Fact]
    public void TerminalBehaviour_SpecialCents_NeverAnswerOrApproveLate()
    {
        var silent = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Charge, 10.02m), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var late = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Charge, 10.03m), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var abortLate = TerminalBehaviour.PlanFor(Command(TerminalCommandType.Abort, 10.03m), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        Assert.Null(silent.Result);
        Assert.Equal(TerminalResultStatus.Approved, late.Result!.Status);
        Assert.Equal(TimeSpan.FromSeconds(150 + 2), late.After);
        Assert.Equal(("411111", "1111", "Visa"), (late.Result.FirstDigits, late.Result.LastDigits, late.Result.CardBrand));
        Assert.Equal(TerminalResultStatus.Failed, abortLate.Result!.Status);
    }

    private static TerminalCommand Command(TerminalCommandType type, decimal amount) =>
        new("P-1", type, "P", "T-1", amount, "BRL", 1, CardType.Credit, "R", Now, Now.AddSeconds(150));
}
