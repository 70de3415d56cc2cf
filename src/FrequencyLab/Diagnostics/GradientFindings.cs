using FrequencyLab.Findings;
using FrequencyLab.Signals;

namespace FrequencyLab.Diagnostics;

/// <summary>Verdicts on the report's gradient-variance arithmetic (§10.2, §10.3), from <see cref="GradientStatistics"/>.</summary>
public static class GradientFindings
{
    /// <summary>The report's "3–5× higher than typical LSTM tasks".</summary>
    public const double ClaimedRatioLow = 3, ClaimedRatioHigh = 5;

    /// <summary>The report's "√3200 ≈ 56×".</summary>
    public const double ClaimedBatchFactor = 56;

    /// <summary>
    /// The report's arithmetic on the noise parameters: σ²_A = (A_max − A_min)²/12, σ²_φ = (φ_max − φ_min)²/12, "σ²_total ≈
    /// 3.3". Rule: supported when the sum computed from the spec is within 0.05 of 3.3.
    /// </summary>
    public static Finding NoiseVarianceArithmetic(SignalSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double a = Math.Pow(spec.AmplitudeMax - spec.AmplitudeMin, 2) / 12, phi = Math.Pow(spec.PhaseMax - spec.PhaseMin, 2) / 12;
        bool ok = Math.Abs(a + phi - 3.3) <= 0.05;
        return new Finding("Is the report's noise-variance sum σ²_A + σ²_φ ≈ 3.3 right for this spec?", ok ? Verdict.Supported : Verdict.Contradicted,
            $"Uniform variances from the spec: σ²_A = {Number.Format(a)}, σ²_φ = {Number.Format(phi)}, sum {Number.Format(a + phi)}. "
            + "The sum adds an amplitude variance to a phase variance in radians², which are not commensurable; it says nothing by itself about gradients.",
            "supported when (A_max − A_min)²/12 + (φ_max − φ_min)²/12 is within 0.05 of 3.3",
            [new Measurement("σ²_A", a), new Measurement("σ²_φ", phi, "rad²"), new Measurement("sum", a + phi)],
            "σ²_total ≈ σ²_A + σ²_φ ≈ 3.3", "§10.2");
    }

    /// <summary>
    /// "Var(∇L) ∝ σ²_noise … ~3–5× higher than typical LSTM tasks": measured per-row gradient variance with the report's
    /// per-sample noise over the same with per-series noise (the control task with one A and φ per series), one ratio per init
    /// seed. Rule: supported when every seed's ratio lies in [3, 5], contradicted when every ratio lies outside it,
    /// otherwise inconclusive.
    /// </summary>
    public static Finding VarianceVersusNoise(IReadOnlyList<GradientStatistics> perSample, IReadOnlyList<GradientStatistics> perSeries)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        ArgumentNullException.ThrowIfNull(perSeries);
        if (perSample.Count == 0 || perSample.Count != perSeries.Count)
            throw new ArgumentException($"need one per-series measurement per per-sample one ({perSample.Count} vs {perSeries.Count}, at least 1)");
        var ratios = perSample.Zip(perSeries, (a, b) => a.RowVariance / b.RowVariance).ToList();
        bool allIn = ratios.All(r => r >= ClaimedRatioLow && r <= ClaimedRatioHigh);
        bool allOut = ratios.All(r => r < ClaimedRatioLow || r > ClaimedRatioHigh);
        var verdict = allIn ? Verdict.Supported : allOut ? Verdict.Contradicted : Verdict.Inconclusive;
        double median = ratios.OrderBy(r => r).ElementAt(ratios.Count / 2);
        return new Finding("Is the per-row gradient variance 3–5× higher with per-sample noise than without it?", verdict,
            $"Per-row gradient variance with per-sample noise is {Number.Format(median)}× that with per-series noise (median over {ratios.Count} init seed(s), range {Number.Format(ratios.Min())}–{Number.Format(ratios.Max())}); "
            + $"per-sample: {Number.Format(perSample.Select(s => s.RowVariance).Average())}, per-series: {Number.Format(perSeries.Select(s => s.RowVariance).Average())} (mean trace of the covariance).",
            $"supported when every seed's variance ratio is within [{ClaimedRatioLow}, {ClaimedRatioHigh}], contradicted when none is, otherwise inconclusive",
            [new Measurement("variance ratio per-sample / per-series", median, "×", ratios.Min(), ratios.Max(), $"min–max over {ratios.Count} init seed(s)"),
             new Measurement("per-row gradient variance, per-sample noise", perSample[0].RowVariance),
             new Measurement("per-row gradient variance, per-series noise", perSeries[0].RowVariance)],
            "Var(∇L) ∝ σ²_noise … This is ~3-5× higher than typical LSTM tasks", "§10.2");
    }

    /// <summary>
    /// "Gradient variance increased by factor of √3200 ≈ 56×" (one row vs a batch of 32 × 100 = 3,200): measured as the
    /// per-row variance over the variance of means of 3,200 consecutive rows. Rule: supported when the measured factor is
    /// within a factor of 2 of 56 ([28, 112]), contradicted outside, inconclusive with fewer than 5 windows of 3,200 rows.
    /// </summary>
    public static Finding BatchVarianceFactor(GradientStatistics stats, int batchRows = 3200)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var w = stats.Windows.FirstOrDefault(x => x.Rows == batchRows)
            ?? throw new ArgumentException($"the statistics have no window of {batchRows} rows", nameof(stats));
        var verdict = w.Windows < 5 || !double.IsFinite(w.Reduction) ? Verdict.Inconclusive
            : w.Reduction >= ClaimedBatchFactor / 2 && w.Reduction <= ClaimedBatchFactor * 2 ? Verdict.Supported : Verdict.Contradicted;
        string explanation = verdict == Verdict.Inconclusive && w.Windows < 5
            ? $"Only {w.Windows} windows of {batchRows} rows: too few to measure the variance of their means."
            : $"Averaging {batchRows} consecutive rows divides the gradient variance by {Number.Format(w.Reduction)} (over {w.Windows} windows). "
              + $"Independent rows would divide it by {batchRows}; √{batchRows} ≈ {Number.Format(Math.Sqrt(batchRows))} is the factor on the standard deviation, not the variance.";
        return new Finding($"Does one row have about 56× the gradient variance of a {batchRows}-row average?", verdict, explanation,
            $"supported when per-row variance / variance of {batchRows}-row means is within [{ClaimedBatchFactor / 2}, {ClaimedBatchFactor * 2}], contradicted outside; inconclusive with fewer than 5 windows",
            [new Measurement("variance reduction by averaging", w.Reduction, "×"), new Measurement("windows", w.Windows),
             new Measurement("per-row gradient variance", stats.RowVariance), new Measurement($"variance of {batchRows}-row means", w.Variance)],
            "Gradient variance increased by factor of √3200 ≈ 56×", "§10.3");
    }

    /// <summary>
    /// "Gradient clipping at 1.0 … conservative and safe": how often the clip bites. Rule: supported (the clip is a rare
    /// safety net) when under 10 % of rows are clipped, contradicted when over half are (the clip then sets the step size:
    /// with Adam it rescales every update), inconclusive in between.
    /// </summary>
    public static Finding ClipRate(GradientStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var verdict = stats.ClipRate < 0.1 ? Verdict.Supported : stats.ClipRate > 0.5 ? Verdict.Contradicted : Verdict.Inconclusive;
        double median = stats.Quantiles.First(q => q.Probability == 0.5).Norm, p95 = stats.Quantiles.First(q => q.Probability == 0.95).Norm;
        return new Finding("Is clipping at 1.0 a rare safety net?", verdict,
            $"{Number.Percent(stats.ClipRate).TrimStart('+')} of {stats.Rows} rows have a gradient norm above {Number.Format(stats.MaxGradNorm)} ({stats.Description}); median norm {Number.Format(median)}, 95th percentile {Number.Format(p95)}.",
            "supported when under 10 % of rows would be clipped, contradicted when over 50 %, otherwise inconclusive",
            [new Measurement("clip rate", 100 * stats.ClipRate, "%"), new Measurement("median gradient norm", median), new Measurement("95th percentile", p95)],
            "Gradient clipping: 1.0 (APPROPRIATE)", "§4.2");
    }
}
