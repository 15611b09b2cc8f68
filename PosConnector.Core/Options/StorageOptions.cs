using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Options;

/// <summary>
/// Azure Storage. In Azure set the service URIs (managed identity through DefaultAzureCredential);
/// the connection string is for Azurite.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string ConnectionString { get; init; } = "UseDevelopmentStorage=true";

    public Uri? TableServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    /// <summary>Prefix of our table and internal queue names (letters and digits).</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$", ErrorMessage = "Storage:Prefix must be 1-20 lowercase letters or digits.")]
    public string Prefix { get; init; } = "pos";

    [RegularExpression("^[a-z0-9][a-z0-9-]{2,62}$")]
    public string TerminalCommandsQueue { get; init; } = "terminal-commands";

    /// <summary>When a crash interrupts dispatch, effects are re-driven after this delay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OutboxReminderDelay { get; init; } = TimeSpan.FromSeconds(30);
}
