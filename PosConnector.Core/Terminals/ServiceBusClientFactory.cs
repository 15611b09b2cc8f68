using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace PosConnector.Core.Terminals;

/// <summary>Builds the Service Bus client: managed identity in Azure (DefaultAzureCredential), a connection string locally.</summary>
public static class ServiceBusClientFactory
{
    /// <summary>
    /// The connector's client. The SDK's defaults (60 s per try, 3 exponential retries) keep a send to an unreachable
    /// namespace going for minutes; a short try and one fixed retry end it within seconds. (The request itself waits
    /// at most <see cref="ServiceBusOptions.SendTimeout"/>: see <see cref="ServiceBusTerminalCommandSender"/>.)
    /// </summary>
    public static ServiceBusClient CreateSenderClient(ServiceBusOptions options) => Create(options, new ServiceBusClientOptions
    {
        RetryOptions = new ServiceBusRetryOptions
        {
            Mode = ServiceBusRetryMode.Fixed,
            TryTimeout = options.TryTimeout,
            MaxRetries = options.MaxRetries,
            Delay = options.RetryDelay,
        },
    });

    public static ServiceBusClient Create(ServiceBusOptions options, ServiceBusClientOptions clientOptions) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new ServiceBusClient(options.FullyQualifiedNamespace, new DefaultAzureCredential(), clientOptions)
            : new ServiceBusClient(options.ConnectionString, clientOptions);
}
