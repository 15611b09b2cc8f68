using Newtonsoft.Json.Linq;
using PosConnector.Core.Observability;
using PosConnector.Standalone.Tests.Support;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Standalone.Tests.EndToEnd;

/// <summary>
/// The standalone host's OpenTelemetry as exported (in-memory exporter on the host's own setup): a span per payment
/// step, linked and with its storage and callback calls as children, the payment metrics, PaymentId on every log
/// record, and no secret anywhere. PosConnector.Functions.Tests' TelemetryTests asserts the same on the Functions host.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TelemetryTests(TelemetryWorld world) : IClassFixture<TelemetryWorld>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Charge_Approved_EachStepIsATraceWithItsStorageAndCallbackCallsAsChildren()
    {
        var id = await world.StartChargeAsync(31.90m);

        await world.Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", Patience);
        var spans = await PaymentTraces.WaitForAsync(world.Telemetry, s => IsDeliveredCallback(s, id), Patience);

        PaymentTraces.AssertApprovedChargeTraced(spans, id, ConnectorWorld.Terminal);
        // Here every request step is a child of its ASP.NET Core server span (the callback attempt is off the request).
        Assert.All(PaymentTraces.StepsOf(spans, id).SkipLast(1), step => Assert.Equal("Microsoft.AspNetCore", step.Parent?.Source.Name));
    }

    [Fact]
    public async Task Payments_WithCardNumberAndCredentials_NoSecretInAnySpanMetricOrLog()
    {
        var charge = Payments.NewId();
        var body = Payments.Create(charge, 31.91m, world.Callbacks.CallbackUrlFor("TX1", charge));
        var first = await world.Client.CreatePaymentAsync(body);
        var submitToken = System.Web.HttpUtility.ParseQueryString(
            new Uri((string)JObject.Parse((string)first.Json["paymentAppData"]!["payload"]!)["submitUrl"]!).Query)["token"];
        await world.SubmitSerialAsync(first, ConnectorWorld.Terminal);
        await world.Client.CreatePaymentAsync(body);
        var testSuite = Payments.NewId();
        const string card = "4222222222222224"; // the Test Suite's asynchronous approval: deadline, then callback
        var answer = await world.Client.PostAsync("/api/payments",
            Payments.Create(testSuite, 12.34m, world.Callbacks.CallbackUrlFor("TX1", testSuite), cardNumber: card),
            [.. PppClient.Merchant, ("X-VTEX-API-Is-TestSuite", "true")]);

        await world.Client.WaitForPaymentAsync(charge, v => (string?)v["callback"] == "delivered", Patience);
        await world.Client.WaitForPaymentAsync(testSuite, v => (string?)v["callback"] == "delivered", Patience);
        var spans = await PaymentTraces.WaitForAsync(world.Telemetry, s => IsDeliveredCallback(s, testSuite), Patience);
        await PaymentTraces.WaitForAsync(world.Telemetry, s => IsDeliveredCallback(s, charge), Patience);

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        Assert.False(string.IsNullOrEmpty(submitToken));
        Assert.Equal([PaymentStep.Create, PaymentStep.Deadline, PaymentStep.Callback],
            PaymentTraces.StepsOf(spans, testSuite).Select(s => PaymentTraces.Tag(s, PaymentSpans.Step)));
        Assert.Contains(PaymentTraces.TracesOf(spans, charge, testSuite), s => s.Source.Name == "Microsoft.AspNetCore");
        PaymentTraces.AssertNothingHolds(PaymentTraces.TracesOf(world.Telemetry.Spans, charge, testSuite), world.Telemetry.MetricsOf(world.Connector.Services), world.Telemetry.Logs,
            [.. PaymentTraces.KnownSecrets(ConnectorWorld.Terminal, ConnectorWorld.OtherTerminal), card, "sig" + charge[..8], submitToken!]);
    }

    [Fact]
    public async Task Charge_Approved_ExportsThePaymentMetricsAndLogsCarryThePaymentId()
    {
        var id = await world.StartChargeAsync(31.92m);

        await world.Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", Patience);
        await PaymentTraces.WaitForAsync(world.Telemetry, s => IsDeliveredCallback(s, id), Patience);
        var metrics = world.Telemetry.MetricsOf(world.Connector.Services);
        var logs = world.Telemetry.Logs.Where(l => l.Fields.Any(f => f.Key == "PaymentId" && Equals(f.Value, id))).ToList();

        Assert.Contains(metrics, m => m.Name == PaymentMetrics.Completed
            && m.MetricPoints.Any(p => PaymentTraces.Tags(p).Contains(new("status", "approved"))));
        Assert.Contains(metrics, m => m.Name == PaymentMetrics.CallbackAttempts
            && m.MetricPoints.Any(p => PaymentTraces.Tags(p).Contains(new("outcome", "delivered"))));
        Assert.Contains(metrics, m => m.Name == PaymentMetrics.TerminalResultLatency && m.Unit == "ms");
        Assert.Contains(metrics, m => m.Name == PaymentMetrics.CallbackLatency && m.Unit == "ms");
        // The engine's transitions (event 100) and the callback (300), each with PaymentId from the log scope too.
        Assert.Contains(logs, l => l.EventId == 100 && l.Fields.Count(f => f.Key == "PaymentId") >= 2);
        Assert.Contains(logs, l => l.EventId == 300);
    }

    [Fact]
    public async Task Callback_RefusedOnceThenDelivered_EachAttemptIsAStepWithItsOutcome()
    {
        world.Callbacks.FailNext(1);
        var id = await world.StartChargeAsync(31.93m);

        await world.Client.WaitForPaymentAsync(id, v => (string?)v["callback"] == "delivered", Patience);
        var spans = await PaymentTraces.WaitForAsync(world.Telemetry, s => IsDeliveredCallback(s, id), Patience);
        var attempts = PaymentTraces.StepsOf(spans, id).Where(s => PaymentTraces.Tag(s, PaymentSpans.Step) == PaymentStep.Callback).ToList();

        Assert.Equal([("1", "refused"), ("2", "delivered")],
            attempts.Select(a => (PaymentTraces.Tag(a, PaymentSpans.CallbackAttempt), PaymentTraces.Tag(a, PaymentSpans.Outcome))));
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal("HTTP 503", attempts[0].StatusDescription);
        Assert.NotEqual(attempts[0].TraceId, attempts[1].TraceId);
    }

    private static bool IsDeliveredCallback(System.Diagnostics.Activity span, string paymentId) =>
        span.GetTagItem(PaymentSpans.PaymentId) as string == paymentId
        && span.GetTagItem(PaymentSpans.Step) as string == PaymentStep.Callback
        && span.GetTagItem(PaymentSpans.Outcome) as string == "delivered";
}
