using PosConnector.Domain.Payments;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Domain.Tests.Unit;

/// <summary>
/// What is stored names events (audit entries) and effects (outbox rows) by tags spelled out in the code, so renaming a
/// type can never orphan a stored row. These pin them: changing one is a storage migration, not a refactoring.
/// </summary>
public sealed class PaymentTagsTests
{
    [Fact]
    public void EventTags_ArePinned()
    {
        PaymentEvent[] events =
        [
            Created(), SerialAccepted(), Result(1, Domain.Terminals.TerminalCommandType.Charge, Domain.Terminals.TerminalResultStatus.Approved),
            new PaymentEvent.DeadlineReached(), new PaymentEvent.CancellationRequested("C"), new PaymentEvent.SettlementRequested("S", 1m),
            new PaymentEvent.RefundRequested("R", 1m), new PaymentEvent.CallbackDelivered(1), new PaymentEvent.CallbackAbandoned(1, "r"),
        ];

        Assert.Equal(
            ["CreatePaymentCalled", "SerialSubmitted", "TerminalResultReceived", "DeadlineReached", "CancellationRequested",
             "SettlementRequested", "RefundRequested", "CallbackDelivered", "CallbackAbandoned"],
            events.Select(e => e.Tag));
        Assert.Equal(typeof(PaymentEvent).GetNestedTypes().Length, events.Select(e => e.GetType()).Distinct().Count());
    }

    [Fact]
    public void EffectTags_ArePinned()
    {
        PaymentEffect[] effects =
        [
            new PaymentEffect.SendTerminalCommand(null!), new PaymentEffect.ScheduleDeadline(Start),
            new PaymentEffect.NotifyVtex(Start), new PaymentEffect.StopWaiting(),
        ];

        Assert.Equal(["SendTerminalCommand", "ScheduleDeadline", "NotifyVtex", "StopWaiting"], effects.Select(e => e.Tag));
        Assert.Equal(typeof(PaymentEffect).GetNestedTypes().Length, effects.Length);
    }

    [Fact]
    public void AuditEntries_NameTheirEventByItsTag()
    {
        var decision = When(Given(Created()), new PaymentEvent.CancellationRequested("C-1"));

        Assert.Equal("CancellationRequested", Assert.Single(decision.Recorded).Event);
    }

    [Fact]
    public void Cancellation_WhileAwaitingTheTerminal_AbortsAndStopsTheWait()
    {
        var decision = When(Given(Charging()), new PaymentEvent.CancellationRequested("C-1"));

        Assert.Equal(PaymentPhase.Cancelled, decision.State!.Phase);
        Assert.Collection(decision.Effects,
            e => Assert.Equal(Domain.Terminals.TerminalCommandType.Abort, Assert.IsType<PaymentEffect.SendTerminalCommand>(e).Command.Type),
            e => Assert.IsType<PaymentEffect.StopWaiting>(e));
    }

    [Fact]
    public void Cancellation_BeforeTheCharge_HasNoWaitToStop()
    {
        Assert.Empty(When(Given(Created()), new PaymentEvent.CancellationRequested("C-1")).Effects);
        Assert.Empty(When(Given(Created(), SerialAccepted()), new PaymentEvent.CancellationRequested("C-1")).Effects);
    }
}
