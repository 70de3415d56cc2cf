using FrequencyLab.Findings;

namespace FrequencyLab.Prediction;

/// <summary>Findings computed from a <see cref="ConvergencePrediction"/>: its summary verdict.</summary>
public static class PredictionFindings
{
    /// <summary>P(reached by the horizon) at or above this is "will reach".</summary>
    public const double LikelyThreshold = 0.9;
    /// <summary>P(reached by the horizon) at or below this is "will not reach".</summary>
    public const double UnlikelyThreshold = 0.1;

    /// <summary>
    /// "Will this curve reach the target by the horizon?" — supported when it already did or P ≥ 0.9, contradicted when
    /// P ≤ 0.1, inconclusive between or when nothing could be extrapolated.
    /// </summary>
    public static Finding Summary(ConvergencePrediction p)
    {
        var o = p.Options;
        string target = Number.Format(o.Target);
        string question = $"Will {p.Curve.Name} reach {target} by epoch {o.Horizon}?";
        string rule = $"supported when the target was already observed or P(reached by epoch {o.Horizon}) ≥ {Number.Format(LikelyThreshold)}; "
                      + $"contradicted when P ≤ {Number.Format(UnlikelyThreshold)}; inconclusive otherwise or without a fit";
        string level = $"{Number.Format(100 * o.Level)} % bootstrap interval";
        var measurements = new List<Measurement>
        {
            new("observed epochs", p.Curve.Count, ""),
            new("last observed value", p.Curve.Count > 0 ? p.Curve.Values[^1] : double.NaN, ""),
        };
        if (p.ProbabilityByHorizon is double prob) measurements.Add(new($"P(reached by epoch {o.Horizon})", prob, ""));
        if (p.Reach.Median is double rm)
            measurements.Add(new("epoch the target is reached", rm, "epochs", p.Reach.Lower, p.Reach.Upper ?? double.PositiveInfinity, level));
        if (p.Asymptote.Median is double am)
            measurements.Add(new("asymptote", am, "", p.Asymptote.Lower, p.Asymptote.Upper ?? double.PositiveInfinity, level));
        if (p.BandAt(o.Horizon) is { } atHorizon)
            measurements.Add(new($"value at epoch {o.Horizon}", atHorizon.Median, "", atHorizon.Lower, atHorizon.Upper, level + " (prediction band)"));

        if (p.ObservedReachEpoch is double seen)
            return new Finding(question, Verdict.Supported,
                $"Already reached: the curve is at or below {target} at epoch {Number.Format(seen)}.", rule, measurements);

        string trend = p.Trend switch
        {
            CurveTrend.Rising => "rising (getting worse)",
            CurveTrend.Decreasing => "decreasing",
            _ => "without a clear trend",
        };
        switch (p.Status)
        {
            case PredictionStatus.TooFewPoints:
                return new Finding(question, Verdict.Inconclusive,
                    $"Only {p.Curve.Count} point{(p.Curve.Count == 1 ? "" : "s")}: at least {ConvergencePredictor.MinimumPoints} are needed to extrapolate, so no prediction is made.",
                    rule, measurements);
            case PredictionStatus.Constant:
                return new Finding(question, Verdict.Contradicted,
                    $"The curve is constant at {Number.Format(p.Curve.Values[0])} over {p.Curve.Count} epochs: with no progress the only model is the flat one, which never reaches {target}.",
                    rule, measurements);
        }

        double probability = p.ProbabilityByHorizon ?? double.NaN;
        var top = p.Models.Where(m => m.Weight >= 0.05).OrderByDescending(m => m.Weight).Take(3)
            .Select(m => $"{m.Name} {Number.Format(Math.Round(100 * m.Weight))} %");
        string models = $"Ensemble weights (held-out error): {string.Join(", ", top)}.";
        string reach = p.Reach.Median is double median
            ? $"In the median path it gets there at epoch {Number.Format(median)} ({level}: {Number.Format(p.Reach.Lower ?? median)} to {(p.Reach.Upper is double u ? Number.Format(u) : $"not by epoch {o.Horizon}")})."
            : $"In the median path it does not get there by epoch {o.Horizon}.";
        string asymptote = p.Asymptote.Median is double a
            ? $" Asymptote {Number.Format(a)} [{Number.Format(p.Asymptote.Lower ?? a)}, {(p.Asymptote.Upper is double au ? Number.Format(au) : "∞ (diverging)")}]."
            : " The asymptote is unbounded (diverging).";
        var verdict = probability >= LikelyThreshold ? Verdict.Supported : probability <= UnlikelyThreshold ? Verdict.Contradicted : Verdict.Inconclusive;
        string explanation = $"Observed {p.Curve.Count} epochs, {trend}, last value {Number.Format(p.Curve.Values[^1])}. "
                             + $"P(at or below {target} by epoch {o.Horizon}) = {Number.Format(probability)}. {reach}{asymptote} {models}";
        return new Finding(question, verdict, explanation, rule, measurements);
    }
}
