using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Core.Observability;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// The Functions host's OpenTelemetry as exported (in-memory exporter on AddPosConnectorFunctions' own setup) while a
/// charge runs through the HTTP functions and the real Durable engine: the same step spans, links, children and metric
/// names as the standalone host's TelemetryTests, and no secret anywhere.
/// </summary>
[Collection(FunctionsHostGroup.Name)]
[Trait("Category", "Functions")]
public sealed class TelemetryTests(FunctionsWorld world)
{
    [Fact]
    public async Task Charge_Approved_EmitsTheStandaloneHostsStepsLinkedAndNoSecret()
    {
        using var metrics = new MetricsRecorder(world.Services.GetRequiredService<IMeterFactory>());
        var id = await world.StartChargeAsync(31.93m);
        // The orchestration runs while the payment awaits its terminal (its deadline's wake-up starts it); a payment
        // that ended with its callback settled gets none, so it must be running before the result settles everything.
        await world.WaitForInstanceAsync(id, TestContext.Current.CancellationToken);
        var charge = await world.TakeCommandAsync(id, TerminalCommandType.Charge);

        var accepted = await world.PostResultAsync(charge, "approved");
        await world.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered");
        await world.WaitForOrchestrationAsync(id);
        var spans = await PaymentTraces.WaitForAsync(world.Telemetry, s => PaymentTraces.StepsOf([s], id) is [var step]
            && PaymentTraces.Tag(step, PaymentSpans.Step) == PaymentStep.Callback && PaymentTraces.Tag(step, PaymentSpans.Outcome) == "delivered",
            FunctionsWorld.Patience);

        Assert.Equal(200, accepted.Status);
        PaymentTraces.AssertApprovedChargeTraced(spans, id, charge.SerialNumber);
        Assert.Equal(1, metrics.Sum(PaymentMetrics.Completed, ("status", "approved")));
        Assert.Equal(1, metrics.Sum(PaymentMetrics.CallbackAttempts, ("outcome", "delivered")));
        Assert.Single(metrics.Of(PaymentMetrics.TerminalResultLatency));
        Assert.Single(metrics.Of(PaymentMetrics.CallbackLatency));
        PaymentTraces.AssertNothingHolds(PaymentTraces.TracesOf(world.Telemetry.Spans, id), world.Telemetry.MetricsOf(world.Services), world.Telemetry.Logs,
            [.. PaymentTraces.KnownSecrets(FunctionsWorld.Terminal, charge.SerialNumber), "sig" + id[..8]]);
    }
}
