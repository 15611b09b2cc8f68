namespace PosConnector.Core.Storage;

/// <summary>Another writer changed the payment first (ETag mismatch or concurrent insert).</summary>
public sealed class ConcurrencyConflictException(string paymentId, Exception inner)
    : Exception($"Payment {paymentId} was changed concurrently.", inner);
