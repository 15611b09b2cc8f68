using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>Which outbox effects a drainer still sends once it re-reads the payment (a row left by a crash).</summary>
public sealed class OwedEffectsTests
{
    private static PaymentEffect.SendTerminalCommand Send(PaymentState state, string commandId) =>
        new(new TerminalCommand(commandId, state.FindCommand(commandId)?.Type ?? TerminalCommandType.Charge, PaymentId, Serial,
            state.Order.Value, "BRL", 1, CardType.Credit, "REF1", Start, Start.AddMinutes(2)));

    [Fact]
    public void IsOwed_NoPayment_NothingIsOwed()
    {
        Assert.False(OwedEffects.IsOwed(null, new PaymentEffect.StopWaiting()));
        Assert.False(OwedEffects.IsOwed(null, new PaymentEffect.NotifyVtex(Start)));
    }

    [Fact]
    public void IsOwed_NotifyVtex_OnlyWhileTheCallbackIsPending()
    {
        var approved = Given(Approved())!;
        var delivered = Given([.. Approved(), new PaymentEvent.CallbackDelivered(1)])!;

        Assert.Equal(CallbackStatus.Pending, approved.Callback);
        Assert.True(OwedEffects.IsOwed(approved, new PaymentEffect.NotifyVtex(Start)));
        Assert.False(OwedEffects.IsOwed(delivered, new PaymentEffect.NotifyVtex(Start)));
    }

    [Fact]
    public void IsOwed_Charge_OnlyWhileAwaitingTheTerminalWithoutAResult()
    {
        var charging = Given(Charging())!;
        var cancelled = Given([.. Charging(), new PaymentEvent.CancellationRequested("C1")])!;
        var approved = Given(Approved())!;

        Assert.True(OwedEffects.IsOwed(charging, Send(charging, $"{PaymentId}-1")));
        Assert.Null(cancelled.FindCommand($"{PaymentId}-1")!.Result);
        Assert.False(OwedEffects.IsOwed(cancelled, Send(cancelled, $"{PaymentId}-1")));
        Assert.False(OwedEffects.IsOwed(approved, Send(approved, $"{PaymentId}-1")));
    }

    [Fact]
    public void IsOwed_VoidAfterApproval_OwedUntilTheTerminalAnswers()
    {
        var voiding = Given([.. Approved(), new PaymentEvent.CancellationRequested("C1")])!;
        var voided = Given([.. Approved(), new PaymentEvent.CancellationRequested("C1"), Result(2, TerminalCommandType.Void, TerminalResultStatus.Approved)])!;

        Assert.Equal((PaymentPhase.Approved, TerminalCommandType.Void), (voiding.Phase, voiding.FindCommand($"{PaymentId}-2")!.Type));
        Assert.True(OwedEffects.IsOwed(voiding, Send(voiding, $"{PaymentId}-2")));
        Assert.False(OwedEffects.IsOwed(voided, Send(voided, $"{PaymentId}-2")));
    }

    [Fact]
    public void IsOwed_UnknownCommand_IsNotOwed()
    {
        var charging = Given(Charging())!;

        Assert.False(OwedEffects.IsOwed(charging, Send(charging, $"{PaymentId}-9")));
    }

    [Fact]
    public void IsOwed_ScheduleDeadline_OnlyWhileAwaitingTheTerminal()
    {
        Assert.True(OwedEffects.IsOwed(Given(Charging()), new PaymentEffect.ScheduleDeadline(Start)));
        Assert.False(OwedEffects.IsOwed(Given(Approved()), new PaymentEffect.ScheduleDeadline(Start)));
    }

    [Fact]
    public void IsOwed_StopWaiting_IsAlwaysOwedForAPayment()
    {
        Assert.True(OwedEffects.IsOwed(Given(Approved()), new PaymentEffect.StopWaiting()));
    }
}
