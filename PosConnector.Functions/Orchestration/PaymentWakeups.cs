using Azure.Storage.Queues;
using Newtonsoft.Json;
using PosConnector.Core.Json;
using PosConnector.Core.Storage;
using PosConnector.Core.Vtex;
using PosConnector.Domain.Ppp;
using PosConnector.Functions.Messaging;

namespace PosConnector.Functions.Orchestration;

/// <summary>
/// Puts a payment id on the wakeup queue; WakeFunctions.WakePayment then starts or nudges its orchestration.
/// A queue sits in between because a DurableTaskClient exists only as a [DurableClient] binding of a function,
/// never inside Core's engine. Extra wakeups are harmless: each carries the step the state asked for when it was read.
/// </summary>
public sealed class PaymentWakeups(StorageClients storage)
{
    // Same account, credential and service version as Core's queues (see StorageClients).
    public QueueClient Queue { get; } = storage.Queue(QueueNames.Wakeups);

    public async Task WakeAsync(string paymentId, CancellationToken ct) =>
        await Queue.SendMessageAsync(paymentId, ct);

    /// <summary>
    /// A wake-up's text: a payment id, or the <see cref="CallbackMessage"/> a failed first callback attempt left for its
    /// next attempt (<see cref="CallbackFallback.SecondAttempt"/>). Null for anything else.
    /// </summary>
    public static Wakeup? Parse(string message)
    {
        if (Identifiers.IsPaymentId(message))
        {
            return new Wakeup(message, Attempt: 1);
        }

        var callback = message.StartsWith('{') ? ReadCallback(message) : null;
        return callback is { Attempt: > 0 } && Identifiers.IsPaymentId(callback.PaymentId) ? new Wakeup(callback.PaymentId, callback.Attempt) : null;
    }

    private static CallbackMessage? ReadCallback(string message)
    {
        try
        {
            return PosConnectorJson.Deserialize<CallbackMessage>(message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whose orchestration to wake, and the number of the callback attempt it makes next if one is owed.</summary>
    public sealed record Wakeup(string PaymentId, int Attempt);
}
