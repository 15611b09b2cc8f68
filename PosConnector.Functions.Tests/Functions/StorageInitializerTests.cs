using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PosConnector.Core.Options;
using PosConnector.Functions.Hosting;
using PosConnector.Functions.Messaging;
using Xunit;

namespace PosConnector.Functions.Tests.Functions;

/// <summary>
/// Every queue a trigger of the Functions host listens on exists before the listeners poll it (a missing one logs a
/// warning at every poll): created at start over a connection string (Azurite), declared in infra/ in Azure (the Bicep
/// tests compare infra's list with the same constants).
/// </summary>
[Collection(FunctionsHostGroup.Name)]
[Trait("Category", "Functions")]
public sealed class StorageInitializerTests(FunctionsWorld world)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Listened_IsEveryQueueAQueueTriggerListensOn()
    {
        var triggered = typeof(QueueNames).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()?.QueueName)
            .OfType<string>()
            .ToList();

        Assert.Equal(4, triggered.Count);
        Assert.Equal(triggered.Order(StringComparer.Ordinal), QueueNames.Listened.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartAsync_WithAConnectionString_CreatesThePoisonQueuesToo()
    {
        foreach (var poison in new[] { QueueNames.OutboxPoison, QueueNames.WakeupsPoison })
        {
            await world.Storage.Queue(poison).DeleteIfExistsAsync(Ct);
        }

        await new StorageInitializer(world.Storage, Options.Create(new StorageOptions())).StartAsync(Ct);

        foreach (var name in QueueNames.Listened)
        {
            Assert.True((await world.Storage.Queue(name).ExistsAsync(Ct)).Value, $"{name} was not created");
        }
    }
}
