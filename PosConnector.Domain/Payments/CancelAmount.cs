namespace PosConnector.Domain.Payments;

/// <summary>
/// How much a VTEX Cancel asks to return. The OpenAPI documents Cancel <c>value</c> in cents while every other amount
/// is decimal (docs/protocol.md §8), so both readings are tried: <c>value / 100</c> (only for a whole value) and
/// <c>value</c>. A reading is plausible when it is above 0 and at most what can still be cancelled. Pure.
/// </summary>
public sealed record CancelAmount(CancelScope Scope, decimal Amount, IReadOnlyList<decimal> Readings)
{
    /// <summary>Reads <paramref name="value"/> (null: no value, a full cancellation) against <paramref name="cancellable"/>.</summary>
    public static CancelAmount Read(decimal? value, decimal cancellable)
    {
        if (value is not { } v)
        {
            return new(CancelScope.Full, cancellable, []);
        }

        decimal[] candidates = v == decimal.Truncate(v) ? [v / 100m, v] : [v];
        var readings = candidates.Where(r => r > 0 && r <= cancellable).Distinct().ToList();
        return readings switch
        {
            [] => new(CancelScope.Implausible, 0m, readings),
            [var only] => new(only == cancellable ? CancelScope.Full : CancelScope.Partial, only, readings),
            _ => new(CancelScope.Ambiguous, 0m, readings),
        };
    }
}

public enum CancelScope
{
    /// <summary>No value, or the one plausible reading is everything still cancellable.</summary>
    Full,

    /// <summary>The one plausible reading is less than what can still be cancelled.</summary>
    Partial,

    /// <summary>Both readings are plausible and differ (e.g. 10 of 31.90: 0.10 or 10.00); never guessed.</summary>
    Ambiguous,

    /// <summary>Neither reading is above 0 and within what can still be cancelled.</summary>
    Implausible,
}
