namespace PosConnector.Domain.Ppp;

/// <summary>Tells Sales App which Payment App to open. <see cref="Payload"/> is a JSON string, not an object.</summary>
public sealed record PaymentAppData(string AppName, string Payload)
{
    public const string TerminalConnectorApp = "vtex.terminal-connector-app";
    public const string WaitForConfirmationApp = "vtex.challenge-wait-for-confirmation";
}
