using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Terminals;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Unit;

/// <summary>
/// The local run's shipped files: local.settings.sample.json (every value explained in the Functions README, and
/// a local run that needs only Azurite) and the Service Bus emulator's Config.json (the queue the code expects).
/// </summary>
public sealed partial class LocalSettingsSampleTests
{
    private static readonly string FunctionsDirectory = Path.Combine(TestEnvironment.RepositoryRoot, "PosConnector.Functions");

    [Fact]
    public void Sample_EverySetting_IsExplainedInTheFunctionsReadme()
    {
        var readme = File.ReadAllText(Path.Combine(FunctionsDirectory, "README.md"));
        var documented = DocumentedName().Matches(readme).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        var missing = SampleValues().Properties().Select(p => p.Name)
            .Where(name => !documented.Contains(name) && !documented.Contains(ShortForm(name)))
            .ToList();

        Assert.True(missing.Count == 0, "Not in PosConnector.Functions/README.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Sample_Transport_IsTheStorageQueueSoAzuriteIsEnough()
    {
        var values = SampleValues();

        Assert.Equal(TerminalTransport.StorageQueue, Enum.Parse<TerminalTransport>((string)values["Terminals__Transport"]!));
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["Storage__ConnectionString"]);
        Assert.Equal(new ServiceBusOptions().TerminalCommandsQueue, (string?)values["ServiceBus__TerminalCommandsQueue"]);
        Assert.Contains("UseDevelopmentEmulator=true", (string?)values["ServiceBus__ConnectionString"], StringComparison.Ordinal);
    }

    [Fact]
    public void EmulatorConfig_TerminalCommandsQueue_HasSessionsAndDuplicateDetectionWithinTheEmulatorLimits()
    {
        var config = JObject.Parse(File.ReadAllText(Path.Combine(FunctionsDirectory, "servicebus-emulator", "Config.json")));
        var ns = Assert.Single(config["UserConfig"]!["Namespaces"]!);

        Assert.Equal("sbemulatorns", (string?)ns["Name"]);
        var queue = Assert.Single(ns["Queues"]!);
        Assert.Equal(new ServiceBusOptions().TerminalCommandsQueue, (string?)queue["Name"]);
        var properties = queue["Properties"]!;
        Assert.True((bool?)properties["RequiresSession"]);
        Assert.True((bool?)properties["RequiresDuplicateDetection"]);
        // The emulator accepts at most PT5M here, PT5M lock and 10 deliveries.
        Assert.True(System.Xml.XmlConvert.ToTimeSpan((string)properties["DuplicateDetectionHistoryTimeWindow"]!) <= TimeSpan.FromMinutes(5));
        Assert.True(System.Xml.XmlConvert.ToTimeSpan((string)properties["LockDuration"]!) <= TimeSpan.FromMinutes(5));
        Assert.InRange((int)properties["MaxDeliveryCount"]!, 1, 10);
        Assert.Equal("File", (string?)config["UserConfig"]!["Logging"]?["Type"]);
    }

    private static JObject SampleValues() =>
        (JObject)JObject.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "local.settings.sample.json")))["Values"]!;

    /// <summary>Table rows may shorten a sibling setting to its last part (<c>__MaxRetryDelay</c>).</summary>
    private static string ShortForm(string name) => name[name.LastIndexOf("__", StringComparison.Ordinal)..];

    [GeneratedRegex("`(?<name>[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex DocumentedName();
}
