using System.Reflection;
using System.Text.RegularExpressions;
using PosConnector.Core.Options;
using PosConnector.Core.Terminals;
using PosConnector.TestSupport;
using PosConnector.VirtualTerminal;
using Xunit;

namespace PosConnector.Standalone.Tests.Unit;

/// <summary>
/// The README's configuration tables and the options classes name the same settings: every bindable property is
/// documented, and every setting a row starts with exists. A row's first cell holds <c>`Section:Key`</c>, then
/// siblings as <c>`:Key`</c> or a shared-prefix shorthand <c>`…Suffix`</c>.
/// </summary>
public sealed partial class ReadmeConfigurationTests
{
    private static readonly (string Section, Type Options)[] Bound =
    [
        (VtexOptions.SectionName, typeof(VtexOptions)),
        (CorsOptions.SectionName, typeof(CorsOptions)),
        (ConnectorOptions.SectionName, typeof(ConnectorOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (PaymentOptions.SectionName, typeof(PaymentOptions)),
        (CallbackOptions.SectionName, typeof(CallbackOptions)),
        (SweepOptions.SectionName, typeof(SweepOptions)),
        (TerminalSecretOptions.SectionName, typeof(TerminalSecretOptions)),
        (TerminalTransportOptions.SectionName, typeof(TerminalTransportOptions)),
        (ServiceBusOptions.SectionName, typeof(ServiceBusOptions)),
        (VirtualTerminalOptions.SectionName, typeof(VirtualTerminalOptions)),
    ];

    [Fact]
    public void EveryOptionsProperty_IsInTheReadmeConfiguration()
    {
        var rows = DocumentedRows();

        var missing = Settings().Where(s => !rows.Any(r => r.Documents(s.Section, s.Key))).Select(s => $"{s.Section}:{s.Key}").ToList();

        Assert.True(missing.Count == 0, "Not in README.md's Configuration section: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryReadmeSetting_IsAnOptionsProperty()
    {
        var settings = Settings().Select(s => $"{s.Section}:{s.Key}").ToHashSet(StringComparer.Ordinal);

        var unknown = DocumentedRows().SelectMany(r => r.NamedKeys.Select(k => $"{r.Section}:{k}")).Where(k => !settings.Contains(k)).ToList();

        Assert.NotEmpty(DocumentedRows());
        Assert.True(unknown.Count == 0, "README.md documents settings no options class binds: " + string.Join(", ", unknown));
    }

    private static IEnumerable<(string Section, string Key)> Settings() =>
        Bound.SelectMany(b => b.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetSetMethod() is not null)
            .Select(p => (b.Section, p.Name)));

    private static List<Row> DocumentedRows()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Configuration section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => Row.Parse(line.Split('|')[1]))
            .ToList();
    }

    /// <summary>One table row: its section, the keys it names directly, and <c>…</c> suffixes.</summary>
    private sealed record Row(string Section, IReadOnlyList<string> NamedKeys, IReadOnlyList<string> Suffixes)
    {
        public bool Documents(string section, string key) =>
            section == Section && (NamedKeys.Contains(key) || Suffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal)));

        public static Row Parse(string firstCell)
        {
            var tokens = Token().Matches(firstCell).Select(m => m.Groups["t"].Value).ToList();
            // Index placeholders (N) are not keys: Vtex:CallbackHosts:N is the key CallbackHosts.
            var path = tokens[0].Split(':').Where(p => p != "N").ToList();
            var named = new List<string> { path[1] };
            // Sibling keys (`:Key`) belong to the section only when the first setting is Section:Key itself; deeper
            // paths (Vtex:Merchants:<name>:Credentials:N:AppKey / :AppToken) continue the nested object instead.
            if (path.Count == 2)
            {
                named.AddRange(tokens.Skip(1).Where(t => t.StartsWith(':')).Select(t => t[1..]));
            }

            var suffixes = tokens.Skip(1).Where(t => t.StartsWith('…')).Select(t => t[1..]).ToList();
            return new Row(path[0], named, suffixes);
        }
    }

    [GeneratedRegex("`(?<t>[^`]+)`")]
    private static partial Regex Token();
}
