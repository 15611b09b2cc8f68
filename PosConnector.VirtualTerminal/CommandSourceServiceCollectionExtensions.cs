using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using PosConnector.Core.Terminals;

namespace PosConnector.VirtualTerminal;

public static class CommandSourceServiceCollectionExtensions
{
    /// <summary>
    /// <c>Terminals:Transport</c>, the same setting the connector reads: StorageQueue (default) lets the worker read
    /// the Storage Queue; ServiceBus registers <see cref="ServiceBusCommandSource"/> and its client.
    /// </summary>
    public static IServiceCollection AddCommandSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTerminalTransportOptions(configuration);
        var transport = configuration.GetSection(TerminalTransportOptions.SectionName).Get<TerminalTransportOptions>()?.Transport;
        if (transport == TerminalTransport.ServiceBus)
        {
            // The receiver keeps the SDK's patient defaults: waiting for a message is its normal state.
            services.AddSingleton(sp => ServiceBusClientFactory.Create(sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value, new ServiceBusClientOptions()));
            services.AddSingleton<ICommandSource, ServiceBusCommandSource>();
        }

        return services;
    }
}
