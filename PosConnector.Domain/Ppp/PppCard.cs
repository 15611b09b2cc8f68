namespace PosConnector.Domain.Ppp;

/// <summary>
/// The card object of Create Payment. For POS every member is null; only the Test Suite sends a number,
/// which is read to pick the test flow and never stored.
/// </summary>
public sealed record PppCard
{
    public string? Holder { get; init; }
    public string? Number { get; init; }
}
