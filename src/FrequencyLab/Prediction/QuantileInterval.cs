namespace FrequencyLab.Prediction;

/// <summary>A median with a central interval from bootstrap quantiles. A null end is beyond what the samples reach: for a
/// reach epoch, "not reached within the horizon"; for an asymptote, +∞ (a diverging curve).</summary>
public sealed record QuantileInterval(double? Median, double? Lower, double? Upper)
{
    public static QuantileInterval None { get; } = new(null, null, null);

    /// <summary>Exact value with no uncertainty (an observed epoch, a constant curve).</summary>
    public static QuantileInterval Exactly(double value) => new(value, value, value);

    /// <summary>The (1 ± level)/2 and 0.5 quantiles of <paramref name="samples"/>; non-finite quantiles become null.</summary>
    public static QuantileInterval Of(IReadOnlyList<double> samples, double level)
    {
        if (samples.Count == 0) return None;
        var sorted = samples.OrderBy(s => s).ToArray();
        return new(Finite(Quantile(sorted, 0.5)), Finite(Quantile(sorted, (1 - level) / 2)), Finite(Quantile(sorted, (1 + level) / 2)));
    }

    /// <summary>Linear-interpolation quantile (numpy's default, R type 7) of sorted samples; ∞ stays ∞.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        if (lo == hi || sorted[lo] == sorted[hi]) return sorted[lo];
        if (double.IsInfinity(sorted[hi])) return h - lo > 0 ? sorted[hi] : sorted[lo];
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
