using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Observability;
using PosConnector.Domain.Payments;
using PosConnector.Domain.Terminals;
using PosConnector.Functions.Hosting;
using PosConnector.Functions.Http;
using Xunit;
using static PosConnector.TestSupport.DeciderSpec;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>
/// infra/app/alerts.bicep against the code: one log search alert rule per <see cref="OperatorAlerts"/> entry, whose
/// query names the event id and event name the code actually logs (captured by calling the [LoggerMessage] method) and
/// the note patterns the decider's audit-trail alerts actually match. A renamed or renumbered event, or a reworded
/// alert note, fails here instead of silencing its alert.
/// </summary>
[Trait("Category", "Infra")]
public sealed class AlertRulesTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    /// <summary>Critical events that never run on Azure, so no rule watches them.</summary>
    private static readonly Dictionary<int, string> StandaloneOnlyCriticalEvents = new()
    {
        [208] = "Log.WorkerFailed: the standalone host's queue workers; the Functions host has none (its triggers retry and poison instead)",
    };

    public static TheoryData<string> AlertNames() => [.. OperatorAlerts.All.Select(alert => alert.Name)];

    // ---- operator alerts ----

    [Fact]
    public void OperatorAlertRules_Names_AreExactlyTheAlertsInCode()
    {
        var declared = OperatorAlertVariables().Select(alert => (string?)alert["name"]).Order(StringComparer.Ordinal);

        Assert.Equal(OperatorAlerts.All.Select(alert => alert.Name).Order(StringComparer.Ordinal), declared);
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void OperatorAlertRule_Query_MatchesTheEventTheCodeLogs(string name)
    {
        var alert = OperatorAlerts.All.Single(a => a.Name == name);
        var logged = LogEvent(alert.EventId);

        var rule = OperatorAlertVariables().Single(a => (string?)a["name"] == name);

        var expected = $"| where EventId == {logged.EventId.Id} or EventName == \"{logged.EventId.Name}\"\n"
            + (alert.NotePattern is { } note ? $"| where Note matches regex @\"{note}\"\n" : "")
            + (alert.ExcludedNotePattern is { } excluded ? $"| where not(Note matches regex @\"{excluded}\")\n" : "");
        Assert.Equal(expected, (string?)rule["where"]);
        Assert.Equal(alert.Severity, (int?)rule["severity"]);
        Assert.Equal(alert.EventId, logged.EventId.Id);
        Assert.False(string.IsNullOrEmpty(logged.EventId.Name));
    }

    [Fact]
    public void OperatorAlertRules_Query_IsTheLogEventsOfBothShapesThenTheAlertsWhereClauses()
    {
        var rule = Single("Microsoft.Insights/scheduledQueryRules", r => r.Json["copy"] is not null);
        var logEvents = (string?)rule.Template["variables"]?["logEvents"] ?? "";

        Assert.Equal("[length(variables('operatorAlerts'))]", (string?)rule.Json["copy"]?["count"]);
        Assert.Equal(
            "[format('{0}{1}', variables('logEvents'), variables('operatorAlerts')[copyIndex()].where)]",
            (string?)rule.Properties.SelectToken("criteria.allOf[0].query"));
        Assert.StartsWith("traces\n", logEvents, StringComparison.Ordinal);
        // Forwarded by the Functions host: EventName only. Exported by OpenTelemetry: EventId and EventName, fields as dimensions.
        Assert.Contains("EventId = toint(customDimensions.EventId)", logEvents, StringComparison.Ordinal);
        Assert.Contains("EventName = tostring(customDimensions.EventName)", logEvents, StringComparison.Ordinal);
        Assert.Contains("Note = coalesce(tostring(customDimensions.Note), message)", logEvents, StringComparison.Ordinal);
        Assert.Equal("Count", (string?)rule.Properties.SelectToken("criteria.allOf[0].timeAggregation"));
        Assert.Equal(0, (int?)rule.Properties.SelectToken("criteria.allOf[0].threshold"));
        Assert.False((bool?)rule.Properties["autoMitigate"]);
        Assert.Equal((string?)rule.Properties["evaluationFrequency"], (string?)rule.Properties["windowSize"]);
    }

    [Theory]
    [MemberData(nameof(AlertNames))]
    public void AlertEvent_Logged_LandsInTracesWithTheFieldsTheQueryReads(string name)
    {
        var alert = OperatorAlerts.All.Single(a => a.Name == name);

        var logged = LogEvent(alert.EventId);

        // An exception would send the OpenTelemetry shape to `exceptions`, which the rules do not read.
        Assert.Null(logged.Exception);
        if (alert.NotePattern is null)
        {
            Assert.Equal(LogLevel.Critical, logged.Level);
            Assert.StartsWith(OperatorAlerts.Marker + " ", logged.Message, StringComparison.Ordinal);
        }
        else
        {
            // The note is a field (OpenTelemetry: customDimensions.Note) and part of the message (forwarded by the host).
            var note = Assert.Single(logged.State, field => field.Key == "Note").Value?.ToString();
            Assert.Equal(LogEventArguments.Text, note);
            Assert.EndsWith(": " + note, logged.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AlertEvents_EveryCriticalOrAlertLogEvent_HasARuleOrNeverRunsOnAzure()
    {
        var alertEventIds = OperatorAlerts.All.Select(alert => alert.EventId).ToHashSet();
        var events = LogMessages().ToList();

        Assert.True(events.Count > 30, $"Only {events.Count} [LoggerMessage] methods found.");
        foreach (var (method, attribute) in events)
        {
            if (attribute.Level == LogLevel.Critical || attribute.Message.StartsWith(OperatorAlerts.Marker, StringComparison.Ordinal))
            {
                Assert.True(
                    alertEventIds.Contains(attribute.EventId) || StandaloneOnlyCriticalEvents.ContainsKey(attribute.EventId),
                    $"{method.DeclaringType?.Name}.{method.Name} (event {attribute.EventId}) alerts, but no rule in infra/app/alerts.bicep watches it.");
            }
        }

        Assert.All(StandaloneOnlyCriticalEvents.Keys, id => Assert.Contains(events, e => e.Attribute.EventId == id));
    }

    [Fact]
    public void AlertEvents_EventIds_AreUnique()
    {
        var duplicates = LogMessages().GroupBy(e => e.Attribute.EventId).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void OperationsDoc_AlertTable_NamesEachEventAndLevelAsTheCodeLogsThem()
    {
        var doc = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "docs", "operations.md"));
        var section = doc[doc.IndexOf("## Alerts", StringComparison.Ordinal)..doc.IndexOf("## Payments needing attention", StringComparison.Ordinal)];
        var rows = section.Split('\n').Where(line => Regex.IsMatch(line, @"^\| \d{3} `")).ToList();
        var events = LogMessages().ToDictionary(e => e.Attribute.EventId);

        Assert.True(rows.Count >= 15, $"Only {rows.Count} event rows found in docs/operations.md#alerts.");
        Assert.All(rows, row =>
        {
            var cells = row.Split(" | ");
            foreach (Match named in Regex.Matches(cells[0], @"(?<id>\d{3}) `(?<name>\w+)`"))
            {
                var (method, attribute) = events[int.Parse(named.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)];
                Assert.Equal(method.Name, named.Groups["name"].Value);
                Assert.Equal(attribute.Level.ToString(), cells[1]);
            }
        });
        Assert.All(OperatorAlerts.All.Where(alert => alert.NotePattern is null), alert =>
            Assert.Contains(rows, row => row.StartsWith($"| {alert.EventId} `", StringComparison.Ordinal)));
    }

    // ---- the decider's audit-trail alerts ----

    /// <summary>Every alert note the decider writes, and the rule that pages for it.</summary>
    public static TheoryData<string, string> DeciderAlerts() => new()
    {
        { "late approval's void declined", "void-or-refund-failed" },
        { "cancellation's void failed", "void-or-refund-failed" },
        { "partial cancellation's refund declined", "void-or-refund-failed" },
        { "refund declined", "void-or-refund-failed" },
        { "ambiguous cancellation", "payment-needs-operator" },
        { "partial settlement", "payment-needs-operator" },
        { "callback abandoned", "callback-abandoned" },
    };

    [Theory]
    [MemberData(nameof(DeciderAlerts))]
    public void DeciderAlertNote_Written_IsPagedByExactlyItsRule(string transition, string rule)
    {
        var note = Assert.Single(DeciderAlertDecision(transition).Recorded).Note;

        Assert.Contains(OperatorAlerts.Marker + ": ", note, StringComparison.Ordinal);
        var noteRules = OperatorAlerts.All.Where(alert => alert.NotePattern is not null && Pages(alert, note)).Select(alert => alert.Name).ToList();
        Assert.Equal(rule == "callback-abandoned" ? [] : [rule], noteRules);
    }

    // ---- failure rate and Create Payment latency ----

    [Fact]
    public void CreatePaymentLatencyRule_Query_NamesTheCreatePaymentFunctionAndStaysUnderVtexLimit()
    {
        var functionName = typeof(PppFunctions).GetMethod(nameof(PppFunctions.CreatePayment))!.GetCustomAttribute<FunctionAttribute>()!.Name;
        var rule = Single("Microsoft.Insights/scheduledQueryRules", r => ((string?)r.Json["name"])?.Contains("create-payment-latency", StringComparison.Ordinal) == true);
        var threshold = rule.Template["parameters"]?["createPaymentLatencyThresholdMs"];

        Assert.Equal("CreatePayment", functionName);
        Assert.Contains($"| where name == \"{functionName}\"\n", (string?)rule.Template["variables"]?["createPaymentLatencyQuery"], StringComparison.Ordinal);
        Assert.Equal(
            "[format('{0}| where duration > {1}\n', variables('createPaymentLatencyQuery'), parameters('createPaymentLatencyThresholdMs'))]",
            (string?)rule.Properties.SelectToken("criteria.allOf[0].query"));
        Assert.Equal(20000, (int?)threshold?["maxValue"]);
        Assert.True((int?)threshold?["defaultValue"] < 20000);
    }

    [Fact]
    public void FailureRateRule_Query_CountsFailuresButNotClientErrors()
    {
        var rule = Single("Microsoft.Insights/scheduledQueryRules", r => ((string?)r.Json["name"])?.Contains("failure-rate", StringComparison.Ordinal) == true);
        var query = (string?)rule.Template["variables"]?["failureRateQuery"] ?? "";

        Assert.Contains("Code = toint(resultCode)", query, StringComparison.Ordinal);
        Assert.Contains("success == false and not(isnotnull(Code) and Code between (400 .. 499))", query, StringComparison.Ordinal);
        Assert.Contains("FailedPercent = 100.0 * Failed / Invocations", query, StringComparison.Ordinal);
        Assert.Equal("FailedPercent", (string?)rule.Properties.SelectToken("criteria.allOf[0].metricMeasureColumn"));
        Assert.Equal("[parameters('failureRatePercent')]", (string?)rule.Properties.SelectToken("criteria.allOf[0].threshold"));
    }

    // ---- wiring ----

    [Fact]
    public void AlertRules_Every_NotifiesTheOperatorsActionGroupAndQueriesApplicationInsights()
    {
        var rules = Declared("Microsoft.Insights/scheduledQueryRules").ToList();
        var actionGroup = Single("Microsoft.Insights/actionGroups", _ => true);

        Assert.Equal(3, rules.Count); // the operator alerts (one copy loop), failure rate, Create Payment latency
        Assert.All(rules, rule =>
        {
            Assert.Equal("LogAlert", (string?)rule.Json["kind"]);
            Assert.Equal("[resourceId('Microsoft.Insights/actionGroups', format('{0}-operators', parameters('namePrefix')))]",
                (string?)rule.Properties.SelectToken("actions.actionGroups[0]"));
            Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]",
                (string?)rule.Properties.SelectToken("scopes[0]"));
        });
        Assert.Equal("global", (string?)actionGroup.Json["location"]);
        Assert.Contains("parameters('alertEmailAddress')", (string?)actionGroup.Properties["emailReceivers"], StringComparison.Ordinal);
        var alertsModule = fixture.Template.SelectToken("resources.alerts.properties.parameters");
        Assert.Equal("[parameters('alertEmailAddress')]", (string?)alertsModule?["alertEmailAddress"]?["value"]);
        Assert.Equal("[parameters('environmentName')]", (string?)alertsModule?["namePrefix"]?["value"]);
    }

    [Fact]
    public async Task BuildParams_ProductionWithoutAlertEmail_FailsNamingIt()
    {
        var run = await BicepCli.RunAsync(
            ["build-params", BicepCli.ParameterFilePath("production"), "--stdout"],
            BicepCli.SecretEnvironmentWithout("ALERT_EMAIL_ADDRESS"),
            TestContext.Current.CancellationToken);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.Diagnostics, line => line.Contains("\"ALERT_EMAIL_ADDRESS\"", StringComparison.Ordinal));
    }

    // ---- helpers ----

    private IEnumerable<JObject> OperatorAlertVariables()
    {
        var rule = Single("Microsoft.Insights/scheduledQueryRules", r => r.Json["copy"] is not null);
        return rule.Template["variables"]?["operatorAlerts"]?.OfType<JObject>() ?? [];
    }

    private IEnumerable<ArmResource> Declared(string type) =>
        fixture.Resources.Where(resource => !resource.IsExisting && string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    private ArmResource Single(string type, Func<ArmResource, bool> which)
    {
        var matches = Declared(type).Where(which).ToList();
        Assert.True(matches.Count == 1, $"Expected one matching '{type}' resource, found {matches.Count}.");
        return matches[0];
    }

    private static bool Pages(OperatorAlert alert, string note) =>
        Regex.IsMatch(note, alert.NotePattern!, RegexOptions.None, TimeSpan.FromSeconds(1))
        && (alert.ExcludedNotePattern is not { } excluded || !Regex.IsMatch(note, excluded, RegexOptions.None, TimeSpan.FromSeconds(1)));

    private static Decision DeciderAlertDecision(string transition)
    {
        var approved = Given(Approved())!;
        var charging = Given(Charging())!;
        var timedOut = When(charging, new PaymentEvent.DeadlineReached(), charging.Deadline!.Value).State!;
        return transition switch
        {
            "late approval's void declined" => When(
                When(timedOut, Result(1, TerminalCommandType.Charge, TerminalResultStatus.Approved)).State,
                Result(3, TerminalCommandType.Void, TerminalResultStatus.Declined)),
            "cancellation's void failed" => When(
                Given([.. Approved(), new PaymentEvent.CancellationRequested("C1", null)]),
                Result(2, TerminalCommandType.Void, TerminalResultStatus.Failed)),
            "partial cancellation's refund declined" => When(
                Given([.. Approved(), new PaymentEvent.CancellationRequested("C1", 1250m)]),
                Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)),
            "refund declined" => When(
                Given([.. Approved(), new PaymentEvent.SettlementRequested("S1", null), new PaymentEvent.RefundRequested("R1", 10m)]),
                Result(2, TerminalCommandType.Refund, TerminalResultStatus.Declined)),
            "ambiguous cancellation" => When(approved, new PaymentEvent.CancellationRequested("C1", 10m)),
            "partial settlement" => When(approved, new PaymentEvent.SettlementRequested("S1", 10m)),
            "callback abandoned" => When(approved, new PaymentEvent.CallbackAbandoned(5, "HTTP 503")),
            _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
        };
    }

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> LogMessages() =>
        new[] { typeof(Log), typeof(FunctionsLog) }
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => (pair.Method, pair.Attribute!));

    /// <summary>Calls the [LoggerMessage] method with event id <paramref name="eventId"/> and returns what it logged.</summary>
    private static CapturedLog LogEvent(int eventId)
    {
        var method = Assert.Single(LogMessages(), e => e.Attribute.EventId == eventId).Method;
        var logger = new CapturingLogger();
        method.Invoke(null, [.. method.GetParameters().Select(parameter => LogEventArguments.For(parameter.ParameterType, logger))]);
        return Assert.Single(logger.Logs);
    }

    private sealed record CapturedLog(
        LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

    private sealed class CapturingLogger : ILogger
    {
        public List<CapturedLog> Logs { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logs.Add(new CapturedLog(logLevel, eventId, formatter(state, exception), exception,
                state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }

    private static class LogEventArguments
    {
        public const string Text = "OPERATOR ALERT: a note";

        public static object? For(Type type, ILogger logger) => type switch
        {
            _ when type == typeof(ILogger) => logger,
            _ when type == typeof(string) => Text,
            _ when type == typeof(int) => 3,
            _ when type == typeof(long) => 3L,
            _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(2),
            _ when type == typeof(DateTimeOffset) => Start,
            _ when typeof(Exception).IsAssignableFrom(type) => new InvalidOperationException("failed"),
            _ when (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType => Enum.GetValues(enumType).GetValue(0),
            _ => null,
        };
    }
}
