namespace PosConnector.Functions.Tests.Infra;

/// <summary>The outcome of one Bicep CLI invocation.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams: the CLI writes diagnostics to standard error.</summary>
    public string Output => StandardOutput + StandardError;

    /// <summary>Diagnostic lines, such as <c>main.bicep(3,7) : Warning no-unused-params: …</c>.</summary>
    public IReadOnlyList<string> Diagnostics =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal)
                || line.Contains(" : Error ", StringComparison.Ordinal))
            .ToList();
}
