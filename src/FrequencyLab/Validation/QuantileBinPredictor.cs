namespace FrequencyLab.Validation;

/// <summary>
/// A piecewise-constant predictor: the training x are cut into (about) equal-count bins at their quantiles, and a new x
/// is predicted by the mean training y of its bin. Cut c_b = the ⌊(b+1)·n/B⌋-th smallest training x (b = 0 … B−2);
/// x falls in bin #{b : c_b ≤ x}. A bin left empty by ties predicts the overall training mean.
/// </summary>
public sealed class QuantileBinPredictor : IScalarPredictor
{
    /// <summary>The B−1 ascending cut points.</summary>
    public double[] Cuts { get; }
    /// <summary>The training mean of y per bin, length B.</summary>
    public double[] BinMeans { get; }

    private QuantileBinPredictor(double[] cuts, double[] means) { Cuts = cuts; BinMeans = means; }

    public static QuantileBinPredictor Fit(double[] x, double[] y, int bins)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} values, y has {y.Length}");
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (x.Length < bins) throw new ArgumentException($"{x.Length} points cannot fill {bins} bins");
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        var cuts = new double[bins - 1];
        for (int b = 0; b < cuts.Length; b++) cuts[b] = sorted[(int)((long)(b + 1) * x.Length / bins)];

        var sums = new double[bins];
        var counts = new int[bins];
        for (int j = 0; j < x.Length; j++)
        {
            int b = BinOf(cuts, x[j]);
            sums[b] += y[j];
            counts[b]++;
        }
        double overall = y.Average();
        var means = new double[bins];
        for (int b = 0; b < bins; b++) means[b] = counts[b] == 0 ? overall : sums[b] / counts[b];
        return new QuantileBinPredictor(cuts, means);
    }

    public double Predict(double x) => BinMeans[BinOf(Cuts, x)];

    // Number of cuts ≤ x (an upper-bound binary search), so equal values always share a bin.
    private static int BinOf(double[] cuts, double x)
    {
        int lo = 0, hi = cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
