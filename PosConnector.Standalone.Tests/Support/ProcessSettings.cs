using PosConnector.TestSupport;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>
/// Settings for a connector process on its own loopback port and a virtual terminal posting to it, with a terminal
/// timeout long enough (150 s) that crashes and outages never turn a payment into a timeout: each must end approved.
/// </summary>
public sealed record ProcessSettings(int Port, string BaseUrl, Dictionary<string, string?> Connector, Dictionary<string, string?> Terminal)
{
    public static ProcessSettings Create(string storageConnectionString, string serial, TimeSpan answerDelay) =>
        Create(storageConnectionString, [serial], answerDelay);

    /// <summary>The virtual terminal simulates all of <paramref name="serials"/>.</summary>
    public static ProcessSettings Create(string storageConnectionString, string[] serials, TimeSpan answerDelay)
    {
        var prefix = TestEnvironment.UniquePrefix();
        var port = TestEnvironment.FreeTcpPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var connector = TestSettings.Connector(storageConnectionString, prefix, baseUrl);
        connector["Payments:SecondsWaiting"] = "170";
        connector["Payments:TerminalTimeoutSeconds"] = "150";
        var terminal = TestSettings.VirtualTerminal(storageConnectionString, prefix, baseUrl, serials);
        terminal["VirtualTerminal:AnswerDelay"] = answerDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return new ProcessSettings(port, baseUrl, connector, terminal);
    }

    public string Prefix => Connector["Storage:Prefix"]!;
}
