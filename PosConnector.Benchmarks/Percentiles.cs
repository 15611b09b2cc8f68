namespace PosConnector.Benchmarks;

/// <summary>Latency summary of a sample, by the nearest-rank method (no interpolation).</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> sample)
    {
        var sorted = sample.Order().ToArray();
        return sorted.Length == 0
            ? new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Percentiles(sorted.Length, Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99), sorted[^1]);
    }

    /// <summary>The smallest value with at least <paramref name="percent"/>% of the sample at or below it.</summary>
    public static double Rank(IReadOnlyList<double> sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public override string ToString() =>
        FormattableString.Invariant($"p50 {P50,8:F1}  p95 {P95,8:F1}  p99 {P99,8:F1}  max {Max,8:F1} ms  (n={Count})");
}
