using Azure;
using PosConnector.Core.Payments;

namespace PosConnector.Core.Storage;

/// <summary>A payment as loaded, with what the compare-and-set needs.</summary>
public sealed record StoredPayment(PaymentState State, ETag ETag, long Version);
