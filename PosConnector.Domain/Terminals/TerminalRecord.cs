namespace PosConnector.Domain.Terminals;

/// <summary>
/// A registered terminal. <see cref="Secret"/> verifies its result signatures and is never returned. It charges only
/// payments of <see cref="MerchantName"/>, and of <see cref="StoreCode"/> when that is not empty.
/// </summary>
public sealed record TerminalRecord(
    string SerialNumber, string MerchantName, string Label, string Secret, bool Enabled, DateTimeOffset UpdatedAt, string StoreCode = "");
