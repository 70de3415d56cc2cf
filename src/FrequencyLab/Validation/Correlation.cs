namespace FrequencyLab.Validation;

/// <summary>Sample correlation between two series.</summary>
public static class Correlation
{
    /// <summary>
    /// Pearson's r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²), computed in two passes (means first) for accuracy.
    /// NaN when either series is constant or shorter than 2; non-finite values propagate; different lengths are an error.
    /// </summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"series lengths differ: {x.Length} and {y.Length}");
        if (x.Length < 2) return double.NaN;
        double mx = Mean(x), my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// 1/√N: the standard deviation of r between two independent series of length N, the scale below which a
    /// measured correlation is indistinguishable from none.
    /// </summary>
    public static double NoiseLevel(int sampleCount) => 1.0 / Math.Sqrt(sampleCount);

    private static double Mean(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (var v in x) s += v;
        return s / x.Length;
    }
}
