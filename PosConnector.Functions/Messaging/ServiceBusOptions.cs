using System.ComponentModel.DataAnnotations;

namespace PosConnector.Functions.Messaging;

/// <summary>
/// Service Bus for terminal commands. In Azure set the namespace (managed identity); the connection string is for
/// local runs only. A class, not a record: a record's ToString would print the connection string.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    public const string ValidationMessage =
        "Set exactly one of ServiceBus:FullyQualifiedNamespace (Azure, managed identity) or ServiceBus:ConnectionString (local).";

    /// <summary>For example <c>sb-abc123.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace { get; init; } = "";

    public string ConnectionString { get; init; } = "";

    /// <summary>A queue with sessions: one session per terminal serial number keeps each terminal's commands in order.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._/-]{0,259}$")]
    public string TerminalCommandsQueue { get; init; } = "terminal-commands";

    public static string? Validate(ServiceBusOptions o) =>
        string.IsNullOrWhiteSpace(o.FullyQualifiedNamespace) == string.IsNullOrWhiteSpace(o.ConnectionString) ? ValidationMessage : null;
}
