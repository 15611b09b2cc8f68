namespace PosConnector.Core.Terminals;

/// <summary>The channel terminal commands travel on (setting <c>Terminals:Transport</c>).</summary>
public enum TerminalTransport
{
    /// <summary>
    /// The Storage Queue <c>Storage:TerminalCommandsQueue</c>: the standalone host, and the Functions host under
    /// <c>func start</c> with Azurite. One queue for every terminal; each consumer skips serials it does not serve.
    /// </summary>
    StorageQueue,

    /// <summary>
    /// The Service Bus queue <c>ServiceBus:TerminalCommandsQueue</c> with sessions (production): SessionId = serial
    /// number, MessageId = commandId. A terminal bridge accepts only its own terminals' sessions.
    /// </summary>
    ServiceBus,
}
