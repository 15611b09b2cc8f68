using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PosConnector.Domain.Terminals;
using Xunit;

namespace PosConnector.VirtualTerminal.Tests.Unit;

/// <summary>The terminal page's manual mode: off by default (the cents rules decide), buttons settle held charges once.</summary>
public sealed class TerminalBoardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PlanFor_ByDefault_FollowsTheCentsRules()
    {
        var board = Board(manual: false);

        Assert.Equal(TerminalResultStatus.Declined, board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Charge, 10.01m)).Result!.Status);
        Assert.Equal(TerminalResultStatus.Approved, board.PlanFor(Terminal, Command("P-2", TerminalCommandType.Charge, 10.00m)).Result!.Status);
        Assert.Empty(board.View().Terminals[0].Charges);
    }

    [Fact]
    public void PlanFor_RefundEndingIn05_IsDeclinedAndAnyOtherRefundOrA05ChargeApproves()
    {
        var board = Board(manual: true);

        var declined = board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Refund, 10.05m)).Result!;
        var refunded = board.PlanFor(Terminal, Command("P-2", TerminalCommandType.Refund, 10.01m)).Result!;
        var charge = TerminalBehaviour.PlanFor(Command("P-3", TerminalCommandType.Charge, 10.05m), TimeSpan.Zero, TimeSpan.Zero).Result!;

        Assert.Equal((TerminalResultStatus.Declined, "refund declined"), (declined.Status, declined.Message));
        Assert.Equal(TerminalResultStatus.Approved, refunded.Status);
        Assert.Equal(TerminalResultStatus.Approved, charge.Status);
    }

    [Fact]
    public void PlanFor_ManualTerminal_HoldsTheChargeWhateverTheCents()
    {
        var board = Board(manual: true);

        var plan = board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Charge, 10.01m));

        Assert.Equal(TerminalPlan.Held, plan);
        Assert.Equal("waits for the page", plan.Outcome);
        Assert.Equal(HeldChargeState.Waiting, Assert.Single(board.View().Terminals[0].Charges).State);
    }

    [Theory]
    [InlineData(ManualChoice.Approve, TerminalResultStatus.Approved, HeldChargeState.Approved)]
    [InlineData(ManualChoice.Decline, TerminalResultStatus.Declined, HeldChargeState.Declined)]
    [InlineData(ManualChoice.Fail, TerminalResultStatus.Failed, HeldChargeState.Failed)]
    public void Answer_Button_PostsThatOutcomeOnce(ManualChoice choice, TerminalResultStatus status, HeldChargeState state)
    {
        var board = Board(manual: true);
        board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Charge, 10.00m));

        var answer = board.Answer("P-1-1", choice);
        var again = board.Answer("P-1-1", ManualChoice.Approve);

        Assert.Equal(ManualAnswerKind.Answered, answer.Kind);
        Assert.Equal((status, "P-1-1", "P-1"), (answer.Result!.Status!.Value, answer.Result.CommandId!, answer.Result.PaymentId!));
        Assert.Equal(status == TerminalResultStatus.Approved ? "411111" : null, answer.Result.FirstDigits);
        Assert.Equal((ManualAnswerKind.AlreadyAnswered, state), (again.Kind, again.Earlier));
        Assert.Equal(state, board.View().Terminals[0].Charges[0].State);
    }

    [Fact]
    public void Answer_UnknownCharge_IsRefused()
    {
        Assert.Equal(ManualAnswerKind.UnknownCharge, Board(manual: true).Answer("nope", ManualChoice.Approve).Kind);
    }

    [Fact]
    public void Abort_OfAWaitingOrTimedOutCharge_SucceedsAndCancelsIt()
    {
        var board = Board(manual: true);
        board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Charge, 10.00m));
        board.PlanFor(Terminal, Command("P-2", TerminalCommandType.Charge, 10.00m));
        var timeout = board.Answer("P-2-1", ManualChoice.Timeout);

        var abortWaiting = board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Abort, 10.00m));
        var abortTimedOut = board.PlanFor(Terminal, Command("P-2", TerminalCommandType.Abort, 10.00m));

        Assert.Null(timeout.Result);
        Assert.Equal(TerminalResultStatus.Approved, abortWaiting.Result!.Status);
        Assert.Equal(TerminalResultStatus.Approved, abortTimedOut.Result!.Status);
        Assert.All(board.View().Terminals[0].Charges, c => Assert.Equal(HeldChargeState.Aborted, c.State));
        Assert.Equal(ManualAnswerKind.AlreadyAnswered, board.Answer("P-1-1", ManualChoice.Approve).Kind);
    }

    [Fact]
    public void Abort_AfterAnApproval_IsTooLate()
    {
        var board = Board(manual: true);
        board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Charge, 10.00m));
        board.Answer("P-1-1", ManualChoice.Approve);

        var abort = board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Abort, 10.00m));

        Assert.Equal(TerminalResultStatus.Failed, abort.Result!.Status);
    }

    [Fact]
    public void SetManual_SwitchesOnlySimulatedTerminals()
    {
        var board = Board(manual: false);

        Assert.True(board.SetManual("VT-1", manual: true));
        Assert.False(board.SetManual("OTHER", manual: true));
        Assert.Equal(TerminalPlan.Held, board.PlanFor(Terminal, Command("P-1", TerminalCommandType.Charge, 10.01m)));
        Assert.True(board.View().Terminals[0].Manual);
    }

    [Fact]
    public void PageAddress_AcceptsOnlyLoopbackHttp()
    {
        Assert.True(PageAddress.IsLoopbackHttp("http://127.0.0.1:7072"));
        Assert.True(PageAddress.IsLoopbackHttp("http://localhost:0"));
        Assert.False(PageAddress.IsLoopbackHttp("http://0.0.0.0:7072"));
        Assert.False(PageAddress.IsLoopbackHttp("https://127.0.0.1:7072"));
        Assert.False(PageAddress.IsLoopbackHttp("not a url"));
    }

    private static readonly SimulatedTerminal Terminal = new() { SerialNumber = "VT-1", Secret = "virtual-terminal-secret-1" };

    private static TerminalBoard Board(bool manual) => new(
        Options.Create(new VirtualTerminalOptions
        {
            ConnectorUrl = "http://127.0.0.1:1",
            Terminals = [new SimulatedTerminal { SerialNumber = "VT-1", Secret = "virtual-terminal-secret-1", Manual = manual }],
        }),
        new FakeTimeProvider(Now));

    private static TerminalCommand Command(string paymentId, TerminalCommandType type, decimal amount) =>
        new($"{paymentId}-{(type == TerminalCommandType.Charge ? 1 : 2)}", type, paymentId, "VT-1", amount, "BRL", 1, CardType.Credit, "R", Now, Now.AddSeconds(150));
}
