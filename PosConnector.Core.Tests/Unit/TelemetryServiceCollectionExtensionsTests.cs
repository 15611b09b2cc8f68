using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PosConnector.Core.Observability;
using Xunit;

namespace PosConnector.Core.Tests.Unit;

/// <summary>Which exporters the shared telemetry setup adds for which settings, and the identity it exports as.</summary>
public sealed class TelemetryServiceCollectionExtensionsTests
{
    // A local address nothing listens on: the providers may flush to it when disposed, and fail at once.
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

    [Theory]
    [InlineData(null, null, false, false)]
    [InlineData(ConnectionString, null, true, false)]
    [InlineData(null, "http://127.0.0.1:4317", false, true)]
    [InlineData(ConnectionString, "http://127.0.0.1:4317", true, true)]
    public void AddPosConnectorTelemetry_ExporterSettings_AddExactlyThoseExporters(string? connectionString, string? otlp, bool azureMonitor, bool otlpExporter)
    {
        var services = new ServiceCollection().AddLogging();
        var settings = new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.AzureMonitorConnectionString] = connectionString,
            [TelemetryServiceCollectionExtensions.OtlpEndpoint] = otlp,
        };

        services.AddPosConnectorTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "PosConnector.Tests");

        Assert.Equal(azureMonitor, services.Any(d => Mentions(d, "Azure.Monitor.OpenTelemetry.Exporter")));
        Assert.Equal(otlpExporter, services.Any(d => Mentions(d, "OpenTelemetry.Exporter")));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<TracerProvider>());
        Assert.NotNull(provider.GetRequiredService<MeterProvider>());
        Assert.NotNull(provider.GetRequiredService<LoggerProvider>());
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=5a1b2c3d-0000-0000-0000-000000000000", true)]
    [InlineData("authorization=aad", true)]
    [InlineData("Authorization=Other;ClientId=x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Credential_AuthenticationString_ManagedIdentityOnlyForAad(string? authentication, bool managedIdentity)
    {
        var credential = TelemetryServiceCollectionExtensions.Credential(authentication);

        Assert.Equal(managedIdentity, credential is ManagedIdentityCredential);
        Assert.Equal(managedIdentity, credential is not null);
    }

    private static bool Mentions(ServiceDescriptor d, string ns) =>
        new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType() }
            .Where(t => t is not null)
            .SelectMany(t => t!.GetGenericArguments().Prepend(t))
            .Any(t => t.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true);
}
