using Newtonsoft.Json.Linq;
using Xunit;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>
/// infra/app/workbook.json, deployed by infra/app/workbook.bicep: one chart per instrument of the connector's meter
/// (OpenTelemetry metrics land in Application Insights' <c>customMetrics</c> under the instrument's name), with the
/// aggregation its kind needs.
/// </summary>
[Trait("Category", "Infra")]
public sealed class WorkbookTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    // The instrument names agreed with the telemetry work (meter "PosConnector"); once its PaymentMetrics constants are
    // on main, use them here instead of the literals.
    public static TheoryData<string, string, string?> Instruments() => new()
    {
        { "posconnector.payments.completed", "counter", "status" },
        { "posconnector.payments.past_deadline", "counter", null },
        { "posconnector.terminal.result_latency", "histogram", null },
        { "posconnector.callback.latency", "histogram", null },
        { "posconnector.callback.attempts", "counter", "outcome" },
        { "posconnector.callback.abandoned", "counter", null },
        { "posconnector.commands.resent", "counter", null },
    };

    [Theory]
    [MemberData(nameof(Instruments))]
    public void Workbook_Instrument_HasAChartAggregatedForItsKind(string instrument, string kind, string? tag)
    {
        var query = Assert.Single(Queries(), q => q.Contains($"| where name == \"{instrument}\"\n", StringComparison.Ordinal));

        Assert.StartsWith("customMetrics\n", query, StringComparison.Ordinal);
        // Delta points: a counter's point carries its increments in valueSum; a histogram's its sum and count.
        Assert.Contains(kind == "counter" ? "sum(valueSum)" : "sum(valueSum) / sum(valueCount)", query, StringComparison.Ordinal);
        if (tag is not null)
        {
            Assert.Contains($"{tag} = tostring(customDimensions.{tag})", query, StringComparison.Ordinal);
            Assert.Contains($"by {tag}, bin(timestamp, {{TimeRange:grain}})", query, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Workbook_Charts_FollowTheTimeRangeParameter()
    {
        var charts = QueryItems().ToList();

        Assert.Equal(8, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.Equal("TimeRange", (string?)chart["content"]?["timeContextFromParameter"]);
            Assert.Equal("microsoft.insights/components", (string?)chart["content"]?["resourceType"]);
            Assert.Contains("bin(timestamp, {TimeRange:grain})", (string?)chart["content"]?["query"], StringComparison.Ordinal);
        });
        Assert.Contains(Queries(), q => q.StartsWith("requests\n| where name == \"CreatePayment\"\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Workbook_Resource_IsTheJsonFileUnderApplicationInsights()
    {
        var workbook = Assert.Single(fixture.Resources, r => !r.IsExisting && r.Type == "Microsoft.Insights/workbooks");

        // loadTextContent compiles to a variable holding the file's text.
        Assert.Equal("[variables('$fxv#0')]", (string?)workbook.Properties["serializedData"]);
        Assert.Equal(File.ReadAllText(WorkbookPath), (string?)workbook.Template["variables"]?["$fxv#0"]);
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]", (string?)workbook.Properties["sourceId"]);
        Assert.Equal("workbook", (string?)workbook.Properties["category"]);
        Assert.StartsWith("[guid(", (string?)workbook.Json["name"], StringComparison.Ordinal);
    }

    private static string WorkbookPath => Path.Combine(BicepCli.InfraDirectory, "app", "workbook.json");

    private static IEnumerable<JObject> QueryItems() =>
        (JObject.Parse(File.ReadAllText(WorkbookPath))["items"] ?? new JArray()).OfType<JObject>().Where(item => (int?)item["type"] == 3);

    private static IEnumerable<string> Queries() => QueryItems().Select(item => (string?)item["content"]?["query"] ?? "");
}
