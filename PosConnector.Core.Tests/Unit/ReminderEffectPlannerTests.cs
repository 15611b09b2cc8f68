using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Core.Payments;
using PosConnector.Domain.Payments;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The plain effect plan: one reminder per call, every effect in the outbox.</summary>
public sealed class ReminderEffectPlannerTests
{
    [Fact]
    public async Task ReminderEffectPlanner_RemindsOncePerCall_AndPutsEveryEffectInTheOutbox()
    {
        var reminder = new RecordingReminder();
        var planner = new ReminderEffectPlanner(reminder);
        PaymentEffect[] first = [new PaymentEffect.ScheduleDeadline(Start)];
        PaymentEffect[] second = [new PaymentEffect.SendTerminalCommand(TestSupport.TerminalCommands.Charge("P1", "S1")), new PaymentEffect.ScheduleDeadline(Start)];

        var plan = await planner.BeforeCommitAsync("P1", first, null, CancellationToken.None);
        var replanned = await planner.BeforeCommitAsync("P1", second, plan, CancellationToken.None);
        await planner.BeforeCommitAsync("P2", first, null, CancellationToken.None);

        Assert.Equal(["P1", "P2"], reminder.Reminded);
        Assert.Equal(first, plan.Outbox);
        Assert.Equal(second, replanned.Outbox);
        Assert.Equal("P1", replanned.PaymentId);
    }
}
