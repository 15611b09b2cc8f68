using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PosConnector.Core.Observability;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>The production log line: one flat JSON object, the payment id at the top level whoever logged it.</summary>
public sealed class CompactJsonConsoleFormatterTests
{
    private static readonly CompactJsonConsoleFormatter Formatter = new();

    [Fact]
    public void Write_PutsMessageAndScopeFieldsAtTheTopLevel_EachNameOnce()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var request = scopes.Push(Fields(("RequestPath", "/api/payments"), ("PaymentId", "FROM-SCOPE"), ("{OriginalFormat}", "x")));
        using var payment = scopes.Push(Fields(("PaymentId", "FROM-INNER-SCOPE"), ("TraceId", "abc123")));

        var (raw, line) = Format(Fields(("PaymentId", "P1"), ("Attempt", 3), ("{OriginalFormat}", "Payment {PaymentId}: attempt {Attempt}")),
            "Payment P1: attempt 3", scopes, new EventId(301), LogLevel.Warning);

        Assert.Equal("Warning", line.GetProperty("LogLevel").GetString());
        Assert.Equal("PosConnector.Tests", line.GetProperty("Category").GetString());
        Assert.Equal(301, line.GetProperty("EventId").GetInt32());
        Assert.Equal("Payment P1: attempt 3", line.GetProperty("Message").GetString());
        Assert.Equal("P1", line.GetProperty("PaymentId").GetString());
        Assert.Equal(3, line.GetProperty("Attempt").GetInt32());
        Assert.Equal("/api/payments", line.GetProperty("RequestPath").GetString());
        Assert.Equal("abc123", line.GetProperty("TraceId").GetString());
        Assert.False(line.TryGetProperty("{OriginalFormat}", out _));
        Assert.Single(line.EnumerateObject(), p => p.Name == "PaymentId");
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("Timestamp").GetString(), out _));
        Assert.Equal(1, raw.Count(c => c == '\n'));
    }

    [Fact]
    public void Write_FromAScopeOnly_StillCarriesThePaymentId()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var payment = scopes.Push(Fields(("PaymentId", "P2")));

        var (_, line) = Format(Fields(), "Sending HTTP request POST https://example.vtex", scopes);

        Assert.Equal("P2", line.GetProperty("PaymentId").GetString());
    }

    [Fact]
    public void Write_ScopesWithoutFields_KeepTheirTextInOrder()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var outer = scopes.Push("sweep pass 12");
        using var fields = scopes.Push(Fields(("PaymentId", "P4")));
        using var inner = scopes.Push(42);

        var (_, line) = Format(Fields(("Scopes", "spoofed")), "swept", scopes);

        Assert.Equal(["sweep pass 12", "42"], line.GetProperty("Scopes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("P4", line.GetProperty("PaymentId").GetString());
    }

    [Fact]
    public void Write_KeepsEachValueItsJsonType()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var (_, line) = Format(Fields(
            ("Count", 7L), ("Big", ulong.MaxValue), ("Amount", 10.50m), ("Ratio", 0.25), ("Bad", double.NaN), ("Flag", true),
            ("Nothing", null), ("At", at), ("Local", at.UtcDateTime), ("Phase", LogLevel.Critical), ("Span", TimeSpan.FromSeconds(90))), "values");

        Assert.Equal(7, line.GetProperty("Count").GetInt64());
        Assert.Equal(ulong.MaxValue, line.GetProperty("Big").GetUInt64());
        Assert.Equal(10.50m, line.GetProperty("Amount").GetDecimal());
        Assert.Equal(0.25, line.GetProperty("Ratio").GetDouble());
        Assert.Equal("NaN", line.GetProperty("Bad").GetString());
        Assert.True(line.GetProperty("Flag").GetBoolean());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("Nothing").ValueKind);
        Assert.Equal(at, line.GetProperty("At").GetDateTimeOffset());
        Assert.Equal(at.UtcDateTime, line.GetProperty("Local").GetDateTime());
        Assert.Equal("Critical", line.GetProperty("Phase").GetString());
        Assert.Equal("00:01:30", line.GetProperty("Span").GetString());
    }

    [Fact]
    public void Write_AFieldNamedLikeTheLinesOwn_CannotReplaceThem()
    {
        var (raw, line) = Format(Fields(
            ("Timestamp", "spoofed"), ("LogLevel", "spoofed"), ("Category", "spoofed"), ("EventId", "spoofed"), ("Message", "spoofed"),
            ("Exception", "spoofed")), "the real message", eventId: new EventId(42), level: LogLevel.Error, exception: new TimeoutException("real"));

        Assert.DoesNotContain("spoofed", raw, StringComparison.Ordinal);
        Assert.Equal("Error", line.GetProperty("LogLevel").GetString());
        Assert.Equal("PosConnector.Tests", line.GetProperty("Category").GetString());
        Assert.Equal(42, line.GetProperty("EventId").GetInt32());
        Assert.Equal("the real message", line.GetProperty("Message").GetString());
        Assert.StartsWith("System.TimeoutException: real", line.GetProperty("Exception").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, line.EnumerateObject().Count());
        Assert.False(line.TryGetProperty("Scopes", out _));
    }

    [Fact]
    public void Write_HostileText_StaysOneValidLine()
    {
        var message = "line one\nline two \"quoted\" </script> \ud800 lone surrogate";
        var (raw, line) = Format(Fields(("Note", message)), message, exception: new InvalidOperationException("boom\nsecond line"));

        Assert.Equal(1, raw.Count(c => c == '\n'));
        Assert.Contains("line two \"quoted\" </script>", line.GetProperty("Message").GetString());
        Assert.Contains("</script>", raw); // readable, not \u003C
        Assert.Contains("System.InvalidOperationException: boom", line.GetProperty("Exception").GetString());
    }

    [Fact]
    public void Write_AfterAVeryLongLine_WritesTheNextOneWhole()
    {
        var (_, huge) = Format(Fields(), "huge", exception: new InvalidOperationException(new string('x', 200_000)));
        var (_, next) = Format(Fields(("PaymentId", "P3")), "next");

        Assert.Equal(200_000 + "System.InvalidOperationException: ".Length, huge.GetProperty("Exception").GetString()!.Length);
        Assert.Equal("P3", next.GetProperty("PaymentId").GetString());
    }

    [Fact]
    public void Write_NothingToSay_WritesNothing()
    {
        using var writer = new StringWriter();
        Formatter.Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
            LogLevel.Information, "PosConnector.Tests", default, Fields(), null, (_, _) => ""), null, writer);

        Assert.Equal("", writer.ToString());
    }

    [Theory]
    [InlineData("Production", CompactJsonConsoleFormatter.FormatterName)]
    [InlineData("Testing", CompactJsonConsoleFormatter.FormatterName)]
    [InlineData("Development", ReadableConsoleFormatter.FormatterName)]
    public void AddPosConnectorConsole_PicksTheFormatterByEnvironment(string environment, string formatter)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddPosConnectorConsole(new HostEnvironment(environment)));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(formatter, provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Contains(provider.GetServices<ConsoleFormatter>(), f => f.Name == formatter);
    }

    private static (string Raw, JsonElement Line) Format(
        IReadOnlyList<KeyValuePair<string, object?>> fields, string message, IExternalScopeProvider? scopes = null,
        EventId eventId = default, LogLevel level = LogLevel.Information, Exception? exception = null)
    {
        using var writer = new StringWriter();
        Formatter.Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(level, "PosConnector.Tests", eventId, fields, exception, (_, _) => message), scopes, writer);
        var raw = writer.ToString();
        Assert.EndsWith(Environment.NewLine, raw, StringComparison.Ordinal);
        return (raw, JsonDocument.Parse(raw).RootElement.Clone());
    }

    private static List<KeyValuePair<string, object?>> Fields(params (string Name, object? Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, object?>(f.Name, f.Value))];

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "PosConnector.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
