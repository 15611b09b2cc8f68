using Azure.Core.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FunctionAttribute(string name) : Attribute { public string Name { get; } = name; }

    public enum AuthorizationLevel { Anonymous, User, Function, System, Admin }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class HttpTriggerAttribute : Attribute
    {
        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) { }
        public string? Route { get; set; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class QueueTriggerAttribute(string queueName) : Attribute
    {
        public string QueueName { get; } = queueName;
        public string? Connection { get; set; }
    }

    [AttributeUsage(AttributeTargets.Parameter)] public sealed class OrchestrationTriggerAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class ActivityTriggerAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class DurableClientAttribute : Attribute { }

    public class WorkerOptions { public ObjectSerializer? Serializer { get; set; } }
}

namespace Microsoft.Azure.Functions.Worker.Builder
{
    public static class FunctionsApplication
    {
        public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
    }

    public class FunctionsApplicationBuilder : IHostApplicationBuilder
    {
        private readonly HostApplicationBuilder inner;
        internal FunctionsApplicationBuilder(string[] args) { inner = Host.CreateApplicationBuilder(args); }
        public IDictionary<object, object> Properties => ((IHostApplicationBuilder)inner).Properties;
        public IConfigurationManager Configuration => inner.Configuration;
        public IHostEnvironment Environment => inner.Environment;
        public ILoggingBuilder Logging => inner.Logging;
        public IMetricsBuilder Metrics => inner.Metrics;
        public IServiceCollection Services => inner.Services;
        public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null) where TContainerBuilder : notnull
            => inner.ConfigureContainer(factory, configure);
        public IHost Build() => inner.Build();
    }

    public static class FunctionsApplicationBuilderAspNetCoreExtensions
    {
        public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) => builder;
    }
}

namespace Azure.Core.Serialization
{
    public class NewtonsoftJsonObjectSerializer : ObjectSerializer
    {
        public NewtonsoftJsonObjectSerializer(Newtonsoft.Json.JsonSerializerSettings settings) { }
        public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken) => null;
        public override ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken) => default;
        public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken) { }
        public override ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken) => default;
    }
}
