using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosConnector.Core.Handlers;
using PosConnector.Core.Http;
using PosConnector.Core.Observability;
using PosConnector.Core.Options;
using PosConnector.Core.Payments;
using PosConnector.Core.Security;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Core.Vtex;

namespace PosConnector.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts share. The host adds its <see cref="IPaymentEffectDispatcher"/> and
    /// <see cref="ITerminalCommandSender"/>. Options are validated at start: a misconfigured host does not start.
    /// </summary>
    public static IServiceCollection AddPosConnectorCore(this IServiceCollection services, IConfiguration configuration)
    {
        KeyVaultReferenceCheck.ThrowIfUnresolved(configuration);
        services.AddValidatedOptions<VtexOptions>(configuration, VtexOptions.SectionName, VtexOptions.Validate)
            .Validate<IHostEnvironment>((o, env) => !o.AllowLoopbackCallbacks || CallbackUrlPolicy.AllowsLoopback(o, env),
                "Vtex:AllowLoopbackCallbacks is only allowed in the Development or Testing environment.");
        services.AddValidatedOptions<CorsOptions>(configuration, CorsOptions.SectionName, CorsOptions.Validate);
        services.AddValidatedOptions<ConnectorOptions>(configuration, ConnectorOptions.SectionName);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName);
        services.AddValidatedOptions<CallbackOptions>(configuration, CallbackOptions.SectionName);
        services.AddValidatedOptions<SweepOptions>(configuration, SweepOptions.SectionName);
        services.AddValidatedOptions<PaymentOptions>(configuration, PaymentOptions.SectionName, PaymentOptions.Validate);

        services.AddValidatedOptions<TerminalSecretOptions>(configuration, TerminalSecretOptions.SectionName);
        services.AddSingleton<IValidateOptions<TerminalSecretOptions>, TerminalSecretOptionsValidator>();
        services.AddSingleton<TerminalSecretProtector>();

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<PaymentMetrics>();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<PaymentRepository>();
        services.AddSingleton<TerminalRegistry>();
        services.AddSingleton<PaymentEngine>();
        services.AddSingleton<PaymentIndex>();
        services.AddSingleton<PaymentIndexWriter>();
        services.AddHostedService(s => s.GetRequiredService<PaymentIndexWriter>());
        services.AddSingleton<PaymentSearchHandler>();
        services.AddSingleton<OpenPaymentsQuery>();
        services.AddSingleton<PaymentSweep>();
        services.AddSingleton<IOutboxReminder, QueueOutboxReminder>();
        services.AddSingleton<IEffectPlanner, ReminderEffectPlanner>();
        services.AddSingleton<VtexCredentialVerifier>();
        services.AddSingleton<SubmitUrlSigner>();
        services.AddSingleton<CallbackUrlPolicy>();
        services.AddSingleton<CreatePaymentHandler>();
        services.AddSingleton<PaymentOperationHandler>();
        services.AddSingleton<SubmitSerialHandler>();
        services.AddSingleton<TerminalResultHandler>();
        services.AddSingleton<TerminalAdminHandler>();
        services.AddSingleton<PaymentAdminHandler>();
        services.AddSingleton<AttentionQuery>();
        services.AddSingleton<AttentionHandler>();
        services.AddSingleton<PppEndpoints>();
        services.AddSingleton<PosEndpoints>();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton<HealthEndpoint>();
        services.AddTransient<CallbackDelivery>();
        services.AddSingleton<DeliveredCallbacks>();
        services.AddHttpClient<VtexCallbackClient>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<CallbackOptions>>().Value.RequestTimeout);
        return services;
    }

    /// <summary>
    /// The first callback attempt from the process that committed the final state. A host adds it after its other
    /// hosted services, so it stops first and shutdown waits for attempts in flight.
    /// </summary>
    public static IServiceCollection AddFirstCallbackAttempts(this IServiceCollection services)
    {
        services.AddSingleton<FirstCallbackAttempts>();
        return services.AddHostedService(s => s.GetRequiredService<FirstCallbackAttempts>());
    }

    private static OptionsBuilder<T> AddValidatedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, string?>? rule = null)
        where T : class
    {
        if (rule is not null)
        {
            services.AddSingleton<IValidateOptions<T>>(new OptionsRule<T>(rule));
        }

        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
    }
}
