using System.Globalization;
using PosConnector.Core.Json;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>
/// docs/terminal-integration.md carries a worked signing example that terminal vendors check their code against.
/// Its values are read from the markdown and recomputed with the production code, so the doc cannot drift.
/// </summary>
public sealed class DocsSignatureExampleTests
{
    private const string Marker = "<!-- signature-example: checked by DocsSignatureExampleTests -->";

    [Fact]
    public void WorkedExample_HeaderInTheDocs_IsWhatTerminalSignatureCreates()
    {
        var example = ReadExample();

        var header = TerminalSignature.Create(example["secret"], DateTimeOffset.FromUnixTimeSeconds(Seconds(example)), example["body"]);

        Assert.Equal(example["X-Terminal-Signature"], header);
    }

    [Fact]
    public void WorkedExample_SignedStringAndHmac_AreSpelledOutCorrectly()
    {
        var example = ReadExample();

        Assert.Equal($"{example["t"]}.{example["body"]}", example["signed"]);
        Assert.Equal($"t={example["t"]},v1={example["v1"]}", example["X-Terminal-Signature"]);
        Assert.Equal("2026-11-24T10:00:00Z",
            DateTimeOffset.FromUnixTimeSeconds(Seconds(example)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WorkedExample_VerifiesWithinTheWindowOnly_AndItsBodyIsATerminalResult()
    {
        var example = ReadExample();
        var at = DateTimeOffset.FromUnixTimeSeconds(Seconds(example));

        Assert.Equal(SignatureCheck.Valid, TerminalSignature.Verify(example["X-Terminal-Signature"], example["secret"], example["body"], at));
        Assert.Equal(SignatureCheck.Expired,
            TerminalSignature.Verify(example["X-Terminal-Signature"], example["secret"], example["body"], at.AddSeconds(301)));
        Assert.Equal(SignatureCheck.Mismatch,
            TerminalSignature.Verify(example["X-Terminal-Signature"], example["secret"], example["body"] + " ", at));

        var result = PosConnectorJson.Deserialize<TerminalResult>(example["body"]);
        Assert.Equal(TerminalCommandType.Charge, result.Type);
        Assert.Equal(TerminalResultStatus.Approved, result.Status);
        Assert.False(string.IsNullOrEmpty(result.CommandId));
    }

    /// <summary>The "key: value" lines of the fenced block right after <see cref="Marker"/>.</summary>
    private static Dictionary<string, string> ReadExample()
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "terminal-integration.md");
        var lines = File.ReadAllLines(path);
        var start = Array.IndexOf(lines, Marker);
        Assert.True(start >= 0, $"{path} has no line '{Marker}'.");
        var open = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.True(open > start && close > open, "The signature example must be a fenced block after its marker.");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines[(open + 1)..close])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        foreach (var key in new[] { "secret", "t", "body", "signed", "v1", "X-Terminal-Signature" })
        {
            Assert.True(values.ContainsKey(key), $"The signature example lacks '{key}:'.");
        }

        return values;
    }

    private static long Seconds(Dictionary<string, string> example) => long.Parse(example["t"], CultureInfo.InvariantCulture);
}
