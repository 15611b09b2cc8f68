using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PosConnector.Core;
using PosConnector.Core.Json;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Terminals;
using PosConnector.Functions.Messaging;
using PosConnector.Functions.Orchestration;

namespace PosConnector.Functions.Hosting;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Core (with its outbox reminder planner) and the terminal command transport both hosts share, plus what only this
    /// host has: Newtonsoft as the worker serializer, the fixed Storage:Prefix its triggers need, the wakeup queue that
    /// starts or nudges the Durable orchestration, its effect dispatcher, and the local storage initializer. The
    /// standalone equivalent is PosConnectorHost.Build.
    /// </summary>
    public static IServiceCollection AddPosConnectorFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPosConnectorCore(configuration);
        // Core's telemetry (the same names as the standalone host); the worker defaults put its spans under the host's
        // invocation and tell the host not to send the worker's telemetry a second time.
        services.AddPosConnectorTelemetry(configuration, "PosConnector.Functions").UseFunctionsWorkerDefaults();

        // Durable serializes orchestration inputs, outputs and activity payloads with the worker's serializer:
        // the same Newtonsoft settings as tables and queues, so one record reads the same everywhere.
        services.Configure<WorkerOptions>(o => o.Serializer = new NewtonsoftJsonObjectSerializer(PosConnectorJson.Settings));

        // Queue triggers are bound to constant names at build time, so the prefix that names them is fixed too.
        services.AddOptions<StorageOptions>().Validate(
            o => $"{o.Prefix}-outbox" == QueueNames.Outbox,
            $"Storage:Prefix must be '{QueueNames.Prefix}' on the Functions host: its queue triggers listen on {QueueNames.Outbox} and {QueueNames.Wakeups}.");

        // Terminals:Transport: Service Bus sessions in Azure, the Storage Queue under func start with Azurite.
        services.AddTerminalCommandSender(configuration);
        services.AddSingleton<PaymentWakeups>();
        services.AddSingleton<ReminderEffectPlanner>();
        services.AddSingleton<IEffectPlanner, FunctionsEffectPlanner>();
        services.AddSingleton<IPaymentEffectDispatcher, FunctionsEffectDispatcher>();
        services.AddHostedService<StorageInitializer>();
        // Last, so it stops first: shutdown waits for first callback attempts in flight.
        services.AddFirstCallbackAttempts();
        return services;
    }
}
