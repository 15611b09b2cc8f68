namespace PosConnector.Core.Payments;

/// <summary>What a drain of a payment's outbox did: done, or come back at <see cref="RetryAt"/> (another drainer holds it).</summary>
public sealed record DrainResult(DateTimeOffset? RetryAt)
{
    public static DrainResult Done { get; } = new((DateTimeOffset?)null);
}
