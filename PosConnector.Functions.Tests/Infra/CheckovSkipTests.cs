using System.Text.RegularExpressions;
using Xunit;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>
/// checkov (scripts/checkov.sh) must report zero failed checks on infra/; a check the template breaks on purpose is
/// skipped inline, in the resource, with its reason. This keeps every skip one check with a reason a reader can judge.
/// </summary>
[Trait("Category", "Infra")]
public sealed partial class CheckovSkipTests
{
    [Fact]
    public void Infra_EveryCheckovSkip_NamesOneCheckAndGivesItsReason()
    {
        var skips = Directory.EnumerateFiles(BicepCli.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select(line => (File: Path.GetFileName(file), Line: line.Trim())))
            .Where(entry => entry.Line.Contains("checkov:skip", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(skips);
        Assert.All(skips, skip => Assert.True(
            Skip().Match(skip.Line) is { Success: true } match && match.Groups["reason"].Value.Length >= 20,
            $"{skip.File}: '{skip.Line}' is not '// checkov:skip=CKV_X_N: <reason>'."));
    }

    [GeneratedRegex(@"^// checkov:skip=CKV2?_[A-Z]+_\d+: (?<reason>\S.*)$")]
    private static partial Regex Skip();
}
