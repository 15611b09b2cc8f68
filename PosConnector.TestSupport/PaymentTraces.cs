using System.Diagnostics;
using OpenTelemetry.Metrics;
using PosConnector.Core.Observability;
using Xunit;

namespace PosConnector.TestSupport;

/// <summary>What both hosts' telemetry tests assert about a payment's exported spans, metrics and logs.</summary>
public static class PaymentTraces
{
    /// <summary>The steps of a charge approved on its terminal and called back, in order, on either host.</summary>
    public static readonly string[] ApprovedChargeSteps =
        [PaymentStep.Create, PaymentStep.SubmitSerial, PaymentStep.Create, PaymentStep.TerminalResult, PaymentStep.Callback];

    public static IReadOnlyList<Activity> StepsOf(IEnumerable<Activity> spans, string paymentId) =>
        [.. spans.Where(s => s.Source.Name == PosConnectorTelemetry.Name && s.GetTagItem(PaymentSpans.PaymentId) as string == paymentId)
            .OrderBy(s => s.StartTimeUtc)];

    public static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>Until a span that <paramref name="done"/> accepts was exported (a span is exported when it ends).</summary>
    public static async Task<IReadOnlyList<Activity>> WaitForAsync(TelemetryCapture capture, Func<Activity, bool> done, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!capture.Spans.Any(done))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No such span was exported within {patience}.");
            }

            await Task.Delay(100);
        }

        return capture.Spans;
    }

    /// <summary>
    /// Each step is a trace of its own with its storage calls as children (the Azure SDK's spans); the callback
    /// attempt links to the terminal result that made it owed and has the POST to VTEX as a child.
    /// </summary>
    public static void AssertApprovedChargeTraced(IReadOnlyList<Activity> spans, string paymentId, string serial)
    {
        var steps = StepsOf(spans, paymentId);
        Assert.Equal(ApprovedChargeSteps, steps.Select(s => Tag(s, PaymentSpans.Step)));
        Assert.Equal(steps.Count, steps.Select(s => s.TraceId).Distinct().Count());
        foreach (var step in steps)
        {
            Assert.Equal($"payment.{Tag(step, PaymentSpans.Step)}", step.DisplayName);
            Assert.Contains(ChildrenOf(spans, step), c => c.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        }

        var (charge, result, callback) = (steps[2], steps[3], steps[4]);
        Assert.Equal(("changed", "awaiting_terminal"), (Tag(charge, PaymentSpans.Outcome), Tag(charge, PaymentSpans.Phase)));
        Assert.Equal($"{paymentId}-1", Tag(charge, PaymentSpans.CommandId));
        Assert.Equal(("changed", "approved", serial), (Tag(result, PaymentSpans.Outcome), Tag(result, PaymentSpans.Phase), Tag(result, PaymentSpans.Serial)));
        Assert.Equal($"{paymentId}-1", Tag(result, PaymentSpans.CommandId));
        Assert.Equal("delivered", Tag(callback, PaymentSpans.Outcome));
        Assert.Contains(callback.Links, l => l.Context.SpanId == result.SpanId && l.Context.TraceId == result.TraceId);
        var post = Assert.Single(ChildrenOf(spans, callback), c => c.Source.Name == "System.Net.Http");
        Assert.Equal(ActivityKind.Client, post.Kind);
        Assert.Equal("POST", post.GetTagItem("http.request.method"));
        // A storage request is the Azure SDK's span only, not a second HttpClient span under it.
        Assert.Contains(spans, s => s.Source.Name == "Azure.Core.Http" && s.TraceId == callback.TraceId);
        Assert.DoesNotContain(spans, s => s.Source.Name == "System.Net.Http" && s.Parent?.Source.Name == "Azure.Core.Http");
    }

    /// <summary>No exported span attribute, link, event, metric tag or log field holds any of <paramref name="secrets"/>.</summary>
    public static void AssertNothingHolds(
        IReadOnlyList<Activity> spans, IReadOnlyList<MetricSnapshot> metrics, IReadOnlyList<LoggedRecord> logs, IReadOnlyCollection<string> secrets)
    {
        var values = new List<(string Where, object? Value)>();
        foreach (var s in spans)
        {
            values.Add(($"span name {s.DisplayName}", s.DisplayName));
            values.Add(($"span {s.DisplayName} status", s.StatusDescription));
            values.AddRange(s.TagObjects.Select(t => ($"span {s.DisplayName} {t.Key}", t.Value)));
            values.AddRange(s.Events.SelectMany(e => e.Tags.Select(t => ($"span {s.DisplayName} event {e.Name}", t.Value))));
            values.AddRange(s.Links.SelectMany(l => l.Tags ?? []).Select(t => ($"span {s.DisplayName} link", t.Value)));
        }

        values.AddRange(metrics.SelectMany(m => m.MetricPoints.SelectMany(p => Tags(p).Select(t => ($"metric {m.Name} {t.Key}", t.Value)))));
        foreach (var l in logs)
        {
            values.Add(($"log {l.Category}", l.Message));
            values.AddRange(l.Fields.Select(f => ($"log {l.Category} {f.Key}", f.Value)));
        }

        var texts = values.Select(v => (v.Where, Text: Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).ToList();

        Assert.NotEmpty(texts);
        Assert.All(secrets, secret => Assert.False(string.IsNullOrEmpty(secret)));
        Assert.Empty(texts.Where(t => secrets.Any(secret => t.Text.Contains(secret, StringComparison.Ordinal))).Select(t => t.Where).Distinct());
    }

    /// <summary>
    /// Every span of the traces the payments' steps are in (server spans, clients' requests, storage, the callback POST),
    /// and every span of the connector's and the Azure SDK's sources. Not other test classes' HTTP spans: the exporter
    /// listens process-wide, and hostile-input tests put anything in a URL on purpose.
    /// </summary>
    public static IReadOnlyList<Activity> TracesOf(IReadOnlyList<Activity> spans, params string[] paymentIds)
    {
        var traces = paymentIds.SelectMany(id => StepsOf(spans, id)).Select(s => s.TraceId).ToHashSet();
        return [.. spans.Where(s => traces.Contains(s.TraceId)
            || s.Source.Name == PosConnectorTelemetry.Name || s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal))];
    }

    /// <summary>The credentials and secrets the test hosts know (TestSettings), which nothing exported may show.</summary>
    public static List<string> KnownSecrets(params string[] serials) =>
    [
        TestSettings.MerchantAppKey, TestSettings.MerchantAppToken, TestSettings.PartnerAppKey, TestSettings.PartnerAppToken,
        TestSettings.AdminKey, TestSettings.SubmitTokenSecret, TestSettings.SecretEncryptionKey,
        .. serials.Select(TestSettings.SecretFor),
    ];

    public static IEnumerable<Activity> ChildrenOf(IEnumerable<Activity> spans, Activity parent) =>
        spans.Where(s => s.TraceId == parent.TraceId && s.ParentSpanId == parent.SpanId);

    public static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            yield return tag;
        }
    }
}
