using MathNet.Numerics.Distributions;

namespace FrequencyLab.Diagnostics;

/// <summary>
/// A trend across epochs without assuming a shape or normal errors: the Mann–Kendall test (Kendall's τ between epoch and
/// loss, two-sided p-value) and the Theil–Sen slope with Sen's (1968) distribution-free confidence interval.
/// </summary>
/// <param name="Count">Finite points used.</param>
/// <param name="S">Mann–Kendall S = Σ_{i&lt;j} sign(y_j − y_i).</param>
/// <param name="Tau">Kendall's τ_a = S / (n(n−1)/2), in [−1, 1].</param>
/// <param name="VarianceS">Var(S) under no trend, with the tie correction.</param>
/// <param name="PValue">Two-sided p-value of "no monotonic trend": exact (all permutations, ties kept) for n ≤ 8,
/// otherwise the normal approximation with continuity correction.</param>
/// <param name="Exact">Whether <paramref name="PValue"/> is exact.</param>
/// <param name="Slope">Theil–Sen slope: the median of (y_j − y_i)/(x_j − x_i) over all pairs, in loss per epoch.</param>
/// <param name="SlopeLower">Lower end of Sen's confidence interval for the slope (NaN when n is too small to have one).</param>
/// <param name="SlopeUpper">Upper end.</param>
/// <param name="Confidence">The interval's nominal coverage, e.g. 0.95.</param>
/// <param name="MedianLoss">The median value, to express the slope relative to the loss level.</param>
public sealed record TrendTest(int Count, double S, double Tau, double VarianceS, double PValue, bool Exact,
    double Slope, double SlopeLower, double SlopeUpper, double Confidence, double MedianLoss)
{
    /// <summary>Slope as a fraction of the median value per epoch (e.g. +0.05 = rises 5 % of its level per epoch).</summary>
    public double RelativeSlope => Slope / MedianLoss;

    /// <summary>
    /// Computes the test on (x, y) pairs; non-finite y are left out. Sen's interval: with C = z_{(1+conf)/2}·√Var(S) and N
    /// ordered pairwise slopes, the bounds are the slopes of rank (N − C)/2 and (N + C)/2 + 1 (1-based, rounded), NaN when
    /// those ranks fall outside 1…N (too few points for that confidence).
    /// </summary>
    public static TrendTest Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} x values but {y.Count} y values", nameof(y));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1)");
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Count; i++)
            if (double.IsFinite(y[i]) && double.IsFinite(x[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        int n = xs.Count;
        if (n < 2)
            return new TrendTest(n, 0, double.NaN, 0, double.NaN, false, double.NaN, double.NaN, double.NaN, confidence,
                n == 1 ? ys[0] : double.NaN);

        double s = MannKendallS(xs, ys);
        double varS = VarianceOfS(ys);
        double p;
        bool exact = n <= 8;
        if (exact) p = ExactPValue(xs, ys, s);
        else if (varS == 0) p = 1;
        else
        {
            double z = s > 0 ? (s - 1) / Math.Sqrt(varS) : s < 0 ? (s + 1) / Math.Sqrt(varS) : 0;
            p = Math.Min(1, 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))));
        }

        var slopes = new List<double>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (xs[j] != xs[i]) slopes.Add((ys[j] - ys[i]) / (xs[j] - xs[i]));
        slopes.Sort();
        double slope = Median(slopes);
        double c = Normal.InvCDF(0, 1, (1 + confidence) / 2) * Math.Sqrt(varS);
        int lowRank = (int)Math.Round((slopes.Count - c) / 2);
        int highRank = (int)Math.Round((slopes.Count + c) / 2) + 1;
        double lower = lowRank >= 1 && lowRank <= slopes.Count ? slopes[lowRank - 1] : double.NaN;
        double upper = highRank >= 1 && highRank <= slopes.Count ? slopes[highRank - 1] : double.NaN;
        var sorted = ys.OrderBy(v => v).ToList();
        return new TrendTest(n, s, s / (n * (n - 1) / 2.0), varS, p, exact, slope, lower, upper, confidence, Median(sorted));
    }

    /// <summary>Trend of <paramref name="values"/> against 1, 2, 3, … (epochs).</summary>
    public static TrendTest OverEpochs(IReadOnlyList<double> values, double confidence = 0.95) =>
        Compute(Enumerable.Range(1, values.Count).Select(i => (double)i).ToList(), values, confidence);

    private static double MannKendallS(List<double> x, List<double> y)
    {
        double s = 0;
        for (int i = 0; i < y.Count; i++)
            for (int j = i + 1; j < y.Count; j++)
                s += Math.Sign(x[j] - x[i]) * Math.Sign(y[j] - y[i]);
        return s;
    }

    /// <summary>Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t tied values.</summary>
    private static double VarianceOfS(List<double> y)
    {
        int n = y.Count;
        double ties = y.GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * (t - 1) * (2 * t + 5));
        return (n * (n - 1.0) * (2 * n + 5) - ties) / 18;
    }

    /// <summary>Share of the n! orderings of y whose |S| is at least the observed |S| (ties kept as they are).</summary>
    private static double ExactPValue(List<double> x, List<double> y, double observed)
    {
        var perm = y.ToArray();
        long count = 0, extreme = 0;
        double threshold = Math.Abs(observed) - 1e-9;
        Permute(perm, 0, () =>
        {
            count++;
            if (Math.Abs(MannKendallS(x, [.. perm])) >= threshold) extreme++;
        });
        return (double)extreme / count;
    }

    private static void Permute(double[] a, int k, Action visit)
    {
        if (k == a.Length) { visit(); return; }
        for (int i = k; i < a.Length; i++)
        {
            (a[k], a[i]) = (a[i], a[k]);
            Permute(a, k + 1, visit);
            (a[k], a[i]) = (a[i], a[k]);
        }
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
