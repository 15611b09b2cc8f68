namespace PosConnector.Functions.Messaging;

/// <summary>
/// Storage queues this host listens on. Trigger attributes need compile-time names, so they are constants here and
/// the host refuses to start unless Storage:Prefix matches (see FunctionsServiceCollectionExtensions).
/// </summary>
public static class QueueNames
{
    public const string Prefix = "pos";

    /// <summary>Core's outbox reminder queue (StorageClients.Outbox is "{Storage:Prefix}-outbox").</summary>
    public const string Outbox = Prefix + "-outbox";

    /// <summary>Payment ids whose orchestration must be started or told that the payment changed.</summary>
    public const string Wakeups = Prefix + "-wakeups";

    /// <summary>Where the queue trigger moves an outbox message after host.json's maxDequeueCount failures.</summary>
    public const string OutboxPoison = Outbox + "-poison";

    /// <summary>Where the queue trigger moves a wakeup message after host.json's maxDequeueCount failures.</summary>
    public const string WakeupsPoison = Wakeups + "-poison";

    /// <summary>
    /// Every queue a trigger of this host listens on, poison queues included (MaintenanceFunctions alerts on those).
    /// A listener on a missing queue logs a warning at every poll, so they all exist before the triggers start:
    /// created at start locally (StorageInitializer), declared in infra/ in Azure.
    /// </summary>
    public static IReadOnlyList<string> Listened { get; } = [Outbox, Wakeups, OutboxPoison, WakeupsPoison];
}
