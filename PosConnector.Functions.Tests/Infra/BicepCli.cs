using System.Diagnostics;
using System.Reflection;
using PosConnector.TestSupport;
using Xunit;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>
/// Runs the Bicep CLI from the Azure.Bicep.CommandLine NuGet package (path from the test assembly's metadata),
/// so the infra tests need no Azure CLI and no network.
/// </summary>
public static class BicepCli
{
    /// <summary>Dummy values for the secrets (and the alert email address) the .bicepparam files read from the environment.</summary>
    public static readonly IReadOnlyDictionary<string, string> SecretEnvironment = new Dictionary<string, string>
    {
        ["VTEX_ACCOUNT_NAME"] = "teststore",
        ["VTEX_MERCHANT_APP_KEY"] = "vtexappkey-test-merchant",
        ["VTEX_MERCHANT_APP_TOKEN"] = "merchant-token-for-tests",
        ["VTEX_CALLBACK_APP_KEY"] = "vtexappkey-test-callback",
        ["VTEX_CALLBACK_APP_TOKEN"] = "callback-token-for-tests",
        ["CONNECTOR_SUBMIT_TOKEN_SECRET"] = "submit-token-secret-for-tests-0123456789",
        ["CONNECTOR_ADMIN_KEY"] = "admin-key-for-tests-0123456789abcdef",
        ["TERMINAL_SECRET_ENCRYPTION_KEY"] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        ["ALERT_EMAIL_ADDRESS"] = "operators@example.com",
    };

    public static string RepositoryRoot => TestEnvironment.RepositoryRoot;

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public static string MainTemplatePath => Path.Combine(InfraDirectory, "main.bicep");

    public static string ParameterFilePath(string environment) =>
        Path.Combine(InfraDirectory, "environments", environment + ".bicepparam");

    /// <summary>
    /// Runs <c>bicep</c> with <paramref name="arguments"/>. <paramref name="environment"/> entries are set on the
    /// child process; an entry with a null value removes that variable.
    /// </summary>
    public static async Task<BicepRun> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment,
        CancellationToken cancellationToken)
    {
        var executable = ReadMetadata("BicepCli");
        Assert.True(File.Exists(executable), $"Bicep CLI not found at '{executable}'; restore the test project first.");
        EnsureExecutable(executable);

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{executable}'.");
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new BicepRun(process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>The secret variables the parameter files need, with <paramref name="removed"/> unset.</summary>
    public static IReadOnlyDictionary<string, string?> SecretEnvironmentWithout(string? removed = null) =>
        SecretEnvironment.ToDictionary(
            pair => pair.Key,
            pair => pair.Key == removed ? null : (string?)pair.Value);

    private static string ReadMetadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no AssemblyMetadata '{key}'.");

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
