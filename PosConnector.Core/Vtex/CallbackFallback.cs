using PosConnector.Core.Json;
using PosConnector.Core.Storage;

namespace PosConnector.Core.Vtex;

/// <summary>
/// The durable side of a first callback attempt, queued before the commit and invisible for the attempt window, so it
/// takes over by itself if the process dies: the standalone host's callback retry message, the Functions host's
/// wake-up of the payment's orchestration. After a failed attempt it is brought forward to the backoff, with
/// <see cref="RetryText"/> (null keeps the text); after a delivery it is deleted, or made visible at once when
/// <see cref="WakeAfterDelivery"/> (the orchestration then completes instead of waiting for its deadline timer).
/// <see cref="Leased"/>: the attempt holds the callback lease, where another attempt may already run.
/// </summary>
public sealed record CallbackFallback(SentMessage Message, bool WakeAfterDelivery, Func<StoredPayment, string?> RetryText, bool Leased = false)
{
    /// <summary>The retry text both hosts use: the callback's second attempt, so the chain keeps its true numbering.</summary>
    public static string SecondAttempt(StoredPayment saved) => PosConnectorJson.Serialize(CallbackMessage.For(saved.State, attempt: 2));
}
