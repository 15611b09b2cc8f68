using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PosConnector.Core.Observability;

public static class TelemetryServiceCollectionExtensions
{
    public const string AzureMonitorConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AzureMonitorAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string RequestLines = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// OpenTelemetry traces, metrics and logs, the same on both hosts: the payment steps and the meter of
    /// <see cref="PosConnectorTelemetry"/>, the Azure SDK's storage and Service Bus spans, the callback POST, and every log
    /// line with its scopes (the PaymentId). Exported to Azure Monitor when <see cref="AzureMonitorConnectionString"/> is
    /// set, to OTLP when <see cref="OtlpEndpoint"/> is, and nowhere otherwise. The host adds its own instrumentation to
    /// the returned builder (ASP.NET Core on the standalone host, the Functions worker's defaults on the other).
    /// </summary>
    public static OpenTelemetryBuilder AddPosConnectorTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        // Read once by each Azure SDK library, at its first call: set before any client exists.
        AppContext.SetSwitch(PosConnectorTelemetry.AzureActivitySourceSwitch, true);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(PosConnectorTelemetry.Name, PosConnectorTelemetry.AzureSdkSources)
                // The Azure SDK's own HTTP span already covers its requests: only other HttpClient calls (the callback).
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => !InsideAzureSdkRequest()))
            .WithMetrics(m => m.AddMeter(PosConnectorTelemetry.Name))
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeScopes = true; // the "Payment {PaymentId}" scope becomes the PaymentId attribute
                o.IncludeFormattedMessage = true;
            });

        // ASP.NET Core's request lines hold the whole URL, query included: the submitUrl's token must not leave the
        // process, whatever level the host's configuration sets (the server span's url.query is redacted already).
        services.AddLogging(l => l.AddFilter<OpenTelemetryLoggerProvider>(RequestLines, LogLevel.Warning));

        if (configuration[AzureMonitorConnectionString] is { Length: > 0 } connectionString)
        {
            var credential = Credential(configuration[AzureMonitorAuthentication]);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                o.Credential = credential;
            });
        }

        if (configuration[OtlpEndpoint] is { Length: > 0 })
        {
            telemetry.UseOtlpExporter();
        }

        return telemetry;
    }

    /// <summary>
    /// Application Insights with local authentication off (infra/) takes Entra ID tokens only: the setting the Functions
    /// host itself reads, <c>Authorization=AAD;ClientId=&lt;user-assigned identity&gt;</c>, picks the identity here too.
    /// </summary>
    internal static TokenCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }

    private static bool InsideAzureSdkRequest()
    {
        for (var a = Activity.Current; a is not null; a = a.Parent)
        {
            if (a.Source.Name == "Azure.Core.Http")
            {
                return true;
            }

            if (a.Source.Name == PosConnectorTelemetry.Name)
            {
                return false;
            }
        }

        return false;
    }
}
