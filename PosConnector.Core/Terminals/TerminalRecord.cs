namespace PosConnector.Core.Terminals;

/// <summary>A registered terminal. <see cref="Secret"/> verifies its result signatures and is never returned.</summary>
public sealed record TerminalRecord(
    string SerialNumber, string MerchantName, string Label, string Secret, bool Enabled, DateTimeOffset UpdatedAt);
