using System.Diagnostics;

namespace PosConnector.Core.Observability;

/// <summary>
/// The names both hosts emit under: one <see cref="ActivitySource"/> and one meter, both <see cref="Name"/>, so a
/// trace or a chart reads the same whichever host served the payment (docs/operations.md, "Telemetry").
/// </summary>
public static class PosConnectorTelemetry
{
    public const string Name = "PosConnector";

    /// <summary>The Azure SDK's own spans (storage, Service Bus), under whichever payment step made the call.</summary>
    public const string AzureSdkSources = "Azure.*";

    /// <summary>Azure.Core only emits <see cref="AzureSdkSources"/> spans with this switch on (still "experimental").</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    public static ActivitySource Source { get; } = new(Name);
}
