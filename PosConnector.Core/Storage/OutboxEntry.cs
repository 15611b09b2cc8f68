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
    /// <summary>The row's kind is the effect's stable <see cref="PaymentEffect.Tag"/>, never a C# type name.</summary>
    public static (string Kind, string Json) Encode(PaymentEffect effect) => (effect.Tag, PosConnectorJson.Serialize(effect));

    /// <summary>The effect hierarchy is closed, so a switch over the stored tags is the whole mapping.</summary>
    public static PaymentEffect Decode(string kind, string json) => kind switch
    {
        "SendTerminalCommand" => PosConnectorJson.Deserialize<PaymentEffect.SendTerminalCommand>(json),
        "ScheduleDeadline" => PosConnectorJson.Deserialize<PaymentEffect.ScheduleDeadline>(json),
        "NotifyVtex" => PosConnectorJson.Deserialize<PaymentEffect.NotifyVtex>(json),
        "StopWaiting" => new PaymentEffect.StopWaiting(),
        _ => throw new InvalidOperationException($"Unknown outbox effect kind '{kind}'."),
    };
}
