using Microsoft.AspNetCore.Builder;
using PosConnector.TestSupport;

namespace PosConnector.Standalone.Tests.Support;

/// <summary>The end-to-end world with the connector's telemetry kept in memory, Information logs included.</summary>
public sealed class TelemetryWorld(AzuriteFixture azurite) : ConnectorWorld(azurite)
{
    public TelemetryCapture Telemetry { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        Telemetry.AddTo(builder.Services);
        // Only for the OpenTelemetry log provider: the console keeps the tests' Error level.
        builder.Configuration["Logging:OpenTelemetry:LogLevel:Default"] = "Information";
    }
}
