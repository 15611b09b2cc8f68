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
}
