namespace PosConnector.ConformanceKit;

/// <summary>A check's expectation did not hold; carries the exchange that showed it.</summary>
public sealed class CheckFailedException(string message, Exchange? exchange) : Exception(message)
{
    public Exchange? Exchange { get; } = exchange;
}
