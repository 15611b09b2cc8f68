using Azure;

namespace PosConnector.Core.Storage;

/// <summary>An exclusive, expiring lock row in a payment's partition (e.g. one callback POST at a time).</summary>
public sealed record PaymentLease(string PaymentId, string RowKey, ETag ETag);
