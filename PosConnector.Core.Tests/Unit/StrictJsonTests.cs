using PosConnector.Core.Json;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Only standard JSON objects pass: no NaN, comments, trailing commas, duplicates or deep nesting.</summary>
public sealed class StrictJsonTests
{
    public static TheoryData<string, string> NotStrict() => new()
    {
        { """{"value": NaN}""", "invalid start of a value" },
        { """{"value": Infinity}""", "invalid start of a value" },
        { """{"value": -Infinity}""", "'I'" },
        { """{"a": 1 // note""" + "\n}", "'/'" },
        { """{"a": /* note */ 1}""", "'/'" },
        { """{"a": 1,}""", "trailing comma" },
        { """{"a": [1, 2,]}""", "trailing comma" },
        { """{'a': 1}""", "'''" },
        { """{a: 1}""", "'a'" },
        { """{"a": 1} {"b": 2}""", "end of data" },
        { """{"a": 1""", "" },
        { """{"a": "x", "a": "y"}""", "Duplicate property 'a'" },
        { """{"paymentId": "x", "PaymentID": "y"}""", "Duplicate property 'PaymentID'" },
        { """{"o": {"k": 1, "k": 2}}""", "Duplicate property 'k'" },
        { """[1, 2]""", "must be a JSON object" },
        { "\"text\"", "must be a JSON object" },
        { "null", "must be a JSON object" },
        { new string('[', 40).Insert(0, "{\"a\":"), "depth" },
    };

    [Theory]
    [MemberData(nameof(NotStrict))]
    public void StrictJson_NonStandardSyntax_IsNamed(string json, string mention)
    {
        var problem = StrictJson.Check(json);

        Assert.NotNull(problem);
        Assert.Contains(mention, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"a": 1, "o": {"a": 2}, "l": [{"a": 3}, {"a": 4}]}""")]
    [InlineData("""{"value": 1e3, "n": null, "t": true, "s": "NaN"}""")]
    [InlineData(" \n{}\n ")]
    public void StrictJson_StandardObjects_Pass(string json) => Assert.Null(StrictJson.Check(json));
}
