using Xunit;

namespace PosConnector.ConformanceKit.Tests.Unit;

public sealed class KitArgumentsTests
{
    private static readonly string[] Minimal = ["--url", "https://connector.example.com/api/", "--app-key", "k"];

    [Fact]
    public void Parse_SecretsFromTheEnvironment_PlayTheTerminal()
    {
        var environment = new Dictionary<string, string?>
        {
            ["POSCONNECTOR_APP_TOKEN"] = "token", ["POSCONNECTOR_ADMIN_KEY"] = "admin", ["POSCONNECTOR_TERMINAL_SECRET"] = "secret",
        };

        var options = KitArguments.Parse([.. Minimal, "--terminal-serial", "SN-1"], name => environment.GetValueOrDefault(name));

        Assert.Equal(("token", "admin", "secret", TerminalMode.Play), (options.AppToken, options.AdminKey, options.TerminalSecret, options.TerminalMode));
    }

    [Fact]
    public void Parse_ServiceUrlWithApi_IsTheConnectorsBase() =>
        Assert.Equal("https://connector.example.com", KitArguments.Parse([.. Minimal, "--app-token", "t"], _ => null).BaseUrl);

    [Fact]
    public void Parse_NoTerminalSecret_SkipsTheTerminal() =>
        Assert.Equal(TerminalMode.None, KitArguments.Parse([.. Minimal, "--app-token", "t", "--admin-key", "a"], _ => null).TerminalMode);

    [Fact]
    public void Parse_ManualWithoutSerial_IsAUsageError() =>
        Assert.Throws<ArgumentException>(() => KitArguments.Parse([.. Minimal, "--app-token", "t", "--manual"], _ => null));

    [Fact]
    public void Parse_RegisterWithoutSecret_IsAUsageError() =>
        Assert.Throws<ArgumentException>(() => KitArguments.Parse([.. Minimal, "--app-token", "t", "--terminal-serial", "S", "--register-terminal"], _ => null));

    [Fact]
    public void Parse_NoAppToken_IsAUsageError() =>
        Assert.Throws<ArgumentException>(() => KitArguments.Parse(Minimal, _ => null));

    [Fact]
    public void Parse_TimeLimitAndOnly_AreRead()
    {
        var options = KitArguments.Parse([.. Minimal, "--app-token", "t", "--time-limit", "20", "--only", "manifest, cancel"], _ => null);

        Assert.Equal(TimeSpan.FromSeconds(20), options.TimeLimit);
        Assert.Equal(["manifest", "cancel"], options.Only);
    }

    [Fact]
    public void KitOptions_ToString_ShowsNoSecret()
    {
        var options = KitArguments.Parse([.. Minimal, "--app-token", "app-token-value", "--admin-key", "admin-key-value"], _ => null);

        Assert.DoesNotContain("value", options.ToString(), StringComparison.Ordinal);
    }
}
