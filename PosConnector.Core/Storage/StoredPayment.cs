using Azure;
using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>
/// A payment as loaded, with what the compare-and-set needs. <paramref name="CarriedHistory"/>: audit entries (JSON) the
/// insert that created the payment kept on its state row; the next commit moves them to their own rows.
/// </summary>
public sealed record StoredPayment(PaymentState State, ETag ETag, long Version, IReadOnlyList<string>? CarriedHistory = null);
