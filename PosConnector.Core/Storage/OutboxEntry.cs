using Azure;
using PosConnector.Core.Json;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// An effect waiting to be dispatched, stored in the payment's own partition, with its current claim
/// (<see cref="ClaimedUntil"/>) and the row's ETag for the next compare-and-set.
/// </summary>
public sealed record OutboxEntry(string RowKey, PaymentEffect Effect, DateTimeOffset? ClaimedUntil = null, ETag ETag = default)
{
    /// <summary>
    /// The discriminator is the effect's C# type name (<c>SendTerminalCommand</c>, ...), stored in the row: renaming an
    /// effect type would strand rows written before the rename. The hierarchy is closed, so a switch is the whole mapping.
    /// </summary>
    public static (string Kind, string Json) Encode(PaymentEffect effect) => (effect.GetType().Name, PosConnectorJson.Serialize(effect));

    public static PaymentEffect Decode(string kind, string json) => kind switch
    {
        nameof(PaymentEffect.SendTerminalCommand) => PosConnectorJson.Deserialize<PaymentEffect.SendTerminalCommand>(json),
        nameof(PaymentEffect.ScheduleDeadline) => PosConnectorJson.Deserialize<PaymentEffect.ScheduleDeadline>(json),
        nameof(PaymentEffect.NotifyVtex) => PosConnectorJson.Deserialize<PaymentEffect.NotifyVtex>(json),
        _ => throw new InvalidOperationException($"Unknown outbox effect kind '{kind}'."),
    };
}
