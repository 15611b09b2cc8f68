using PosConnector.Domain.Payments;

namespace PosConnector.Core.Storage;

/// <summary>A payment the sweep must look at, with when its state row was last written (the store's timestamp).</summary>
public sealed record OpenPayment(PaymentState State, DateTimeOffset? SavedAt);
