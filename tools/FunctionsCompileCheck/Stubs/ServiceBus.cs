using Azure.Core;

namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusClient : IAsyncDisposable
    {
        protected ServiceBusClient() { }
        public ServiceBusClient(string connectionString) { }
        public ServiceBusClient(string fullyQualifiedNamespace, TokenCredential credential) { }
        public virtual ServiceBusSender CreateSender(string queueOrTopicName) => new();
        public virtual ValueTask DisposeAsync() => default;
    }

    public class ServiceBusSender : IAsyncDisposable
    {
        public virtual Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public virtual ValueTask DisposeAsync() => default;
    }

    public class ServiceBusMessage
    {
        public ServiceBusMessage() { }
        public ServiceBusMessage(string body) { }
        public string? MessageId { get; set; }
        public string? SessionId { get; set; }
        public string? Subject { get; set; }
        public string? ContentType { get; set; }
    }
}
