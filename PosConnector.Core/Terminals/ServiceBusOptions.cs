using System.ComponentModel.DataAnnotations;

namespace PosConnector.Core.Terminals;

/// <summary>
/// Service Bus for terminal commands (read when <c>Terminals:Transport</c> is <c>ServiceBus</c>). In Azure set the
/// namespace (managed identity); the connection string is for the Service Bus emulator or a quick local trial.
/// A class, not a record: a record's ToString would print the connection string.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    public const string ValidationMessage =
        "Terminals:Transport is ServiceBus: set exactly one of ServiceBus:FullyQualifiedNamespace (Azure, managed identity) or ServiceBus:ConnectionString (emulator, local).";

    /// <summary>For example <c>sb-abc123.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace { get; init; } = "";

    public string ConnectionString { get; init; } = "";

    /// <summary>A queue with sessions: one session per terminal serial number keeps each terminal's commands in order.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._/-]{0,259}$", ErrorMessage = "ServiceBus:TerminalCommandsQueue is not a valid queue name.")]
    public string TerminalCommandsQueue { get; init; } = "terminal-commands";

    /// <summary>
    /// Longest time a request waits for a command to be accepted by Service Bus. The send runs inside the request
    /// that committed the command (Create Payment, the serial submission), so it must answer quickly when Service Bus
    /// is unreachable: past this the request goes on, the committed outbox row and its reminder send the command
    /// later, and a send that still completes in the background is dropped by duplicate detection (same MessageId).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:00:30", ErrorMessage = "ServiceBus:SendTimeout must be between 500 ms and 30 seconds.")]
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The client's own limit per attempt (it adds about 5 s to open a connection, and ignores cancellation while
    /// opening: hence <see cref="SendTimeout"/>). Short, so a send abandoned during an outage ends soon.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00", ErrorMessage = "ServiceBus:TryTimeout must be between 500 ms and 1 minute.")]
    public TimeSpan TryTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after a failed attempt, <see cref="RetryDelay"/> apart (the SDK's default is 3, exponential).</summary>
    [Range(0, 5, ErrorMessage = "ServiceBus:MaxRetries must be between 0 and 5.")]
    public int MaxRetries { get; init; } = 1;

    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "ServiceBus:RetryDelay must be between 0 and 10 seconds.")]
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public static string? Validate(ServiceBusOptions o) =>
        string.IsNullOrWhiteSpace(o.FullyQualifiedNamespace) == string.IsNullOrWhiteSpace(o.ConnectionString) ? ValidationMessage : null;
}
