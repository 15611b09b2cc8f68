using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PosConnector.Core.Terminals;

public static class TerminalTransportServiceCollectionExtensions
{
    /// <summary>
    /// The connector's <see cref="ITerminalCommandSender"/> for <c>Terminals:Transport</c>: a Storage Queue, or a
    /// Service Bus session queue through a fail-fast client (<see cref="ServiceBusClientFactory.CreateSenderClient"/>).
    /// </summary>
    public static IServiceCollection AddTerminalCommandSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTerminalTransportOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ServiceBusClientFactory.CreateSenderClient(sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value));
        services.AddSingleton<ITerminalCommandSender>(sp =>
            sp.GetRequiredService<IOptions<TerminalTransportOptions>>().Value.Transport == TerminalTransport.ServiceBus
                ? ActivatorUtilities.CreateInstance<ServiceBusTerminalCommandSender>(sp)
                : ActivatorUtilities.CreateInstance<StorageQueueTerminalCommandSender>(sp));
        return services;
    }

    /// <summary>
    /// <c>Terminals:Transport</c> and, when it is ServiceBus, the <c>ServiceBus</c> section, validated at start: a host
    /// told to use Service Bus without a namespace or connection string does not start.
    /// </summary>
    public static IServiceCollection AddTerminalTransportOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TerminalTransportOptions>()
            .Bind(configuration.GetSection(TerminalTransportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ServiceBusOptions>()
            .Bind(configuration.GetSection(ServiceBusOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate<IOptions<TerminalTransportOptions>>(
                (bus, transport) => transport.Value.Transport != TerminalTransport.ServiceBus || ServiceBusOptions.Validate(bus) is null,
                ServiceBusOptions.ValidationMessage)
            .ValidateOnStart();
        return services;
    }
}
