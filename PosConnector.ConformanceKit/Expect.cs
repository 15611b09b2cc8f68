using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit;

/// <summary>The checks' expectations; each failure names what was expected and carries the exchange that broke it.</summary>
public static class Expect
{
    public static void That([DoesNotReturnIf(false)] bool condition, string expectation, Answer? answer) =>
        That(condition, expectation, answer?.Exchange);

    public static void That([DoesNotReturnIf(false)] bool condition, string expectation, Exchange? exchange)
    {
        if (!condition)
        {
            throw new CheckFailedException(expectation, exchange);
        }
    }

    public static void Status(Answer answer, int expected, string why)
    {
        if (answer.Status != expected)
        {
            throw new CheckFailedException($"expected HTTP {expected} ({why}), got {answer.Status}", answer.Exchange);
        }
    }

    /// <summary>The body as a JSON object (the PPP answers and errors are all objects).</summary>
    public static JObject JsonObject(Answer answer) =>
        answer.Json ?? throw new CheckFailedException("expected a JSON object body", answer.Exchange);

    public static string Text(JObject json, string property, Answer answer)
    {
        var token = json[property];
        return token is { Type: JTokenType.String } && !string.IsNullOrEmpty((string?)token)
            ? (string)token!
            : throw new CheckFailedException($"expected \"{property}\" to be a non-empty string", answer.Exchange);
    }

    public static void Equal(string? expected, string? actual, string what, Answer answer) =>
        That(string.Equals(expected, actual, StringComparison.Ordinal), $"expected {what} \"{expected}\", got \"{actual}\"", answer);

    /// <summary>VTEX's error shape: <c>{"status":"error","code":"...","message":"..."}</c> (docs/protocol.md §7).</summary>
    public static void ErrorShape(Answer answer, params int[] statuses)
    {
        That(statuses.Contains(answer.Status), $"expected HTTP {string.Join(" or ", statuses)}, got {answer.Status}", answer);
        var json = JsonObject(answer);
        Equal("error", (string?)json["status"], "status", answer);
        Text(json, "code", answer);
        Text(json, "message", answer);
    }

    /// <summary>A number in the JSON itself (VTEX types these as numbers, a string will not do).</summary>
    public static decimal Number(JObject json, string property, Answer answer) =>
        json[property] is { Type: JTokenType.Integer or JTokenType.Float } token
            ? (decimal)token
            : throw new CheckFailedException($"expected \"{property}\" to be a JSON number", answer.Exchange);
}
