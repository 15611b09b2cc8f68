using System.Globalization;
using PosConnector.Core.Json;
using PosConnector.Domain.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>
/// docs/terminal-integration.md carries a worked signing example that terminal vendors check their code against.
/// Its values are read from the markdown and recomputed with the production code, so the doc cannot drift; the
/// Node.js snippet next to it is run on it too.
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

    /// <summary>The Node.js snippet vendors copy, run with node (the project needs it for Azurite) on the worked example.</summary>
    [Fact]
    public async Task NodeSnippet_RunOnTheWorkedExample_SignsAndVerifiesLikeTheConnector()
    {
        var example = ReadExample();
        var script = Path.Combine(Path.GetTempPath(), $"sign-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(script, Snippet("### Node.js (18+)", "```js") + """

            const [secret, t, body, header] = process.argv.slice(2);
            console.log(sign(secret, body, Number(t)));
            console.log([verify(header, secret, body, Number(t) + 10), verify(header, secret, body + " ", Number(t)),
              verify(header, secret, body, Number(t) + 301)].join(","));
            """, TestContext.Current.CancellationToken);
        try
        {
            var output = await RunNodeAsync(script, example["secret"], example["t"], example["body"], example["X-Terminal-Signature"]);

            Assert.Equal([example["X-Terminal-Signature"], "true,false,false"], output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The fenced block (opened by <paramref name="fence"/>) that first follows the heading line <paramref name="heading"/>.</summary>
    private static string Snippet(string heading, string fence)
    {
        var lines = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "terminal-integration.md"));
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"docs/terminal-integration.md has no heading '{heading}'.");
        var open = Array.FindIndex(lines, start, l => l == fence);
        var close = Array.FindIndex(lines, open + 1, l => l == "```");
        Assert.True(open > start && close > open, $"No {fence} block after '{heading}'.");
        return string.Join('\n', lines[(open + 1)..close]);
    }

    private static async Task<string[]> RunNodeAsync(string script, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var node = System.Diagnostics.Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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
