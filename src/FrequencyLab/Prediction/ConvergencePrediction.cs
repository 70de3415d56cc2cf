using FrequencyLab.Findings;

namespace FrequencyLab.Prediction;

/// <summary>
/// What <see cref="ConvergencePredictor"/> says about one curve: the prediction band to the horizon, whether and when the
/// target is reached, the asymptote, the ensemble, and a <see cref="Finding"/> summarising them. The bootstrap paths
/// are kept, so other targets and epochs can be asked about without refitting (<see cref="ReachEpochs"/>).
/// </summary>
public sealed record ConvergencePrediction
{
    public required LearningCurve Curve { get; init; }
    public required PredictionOptions Options { get; init; }
    public required PredictionStatus Status { get; init; }
    public required CurveTrend Trend { get; init; }
    /// <summary>Band at epochs 1 … max(horizon, last observed epoch); empty when nothing was extrapolated.</summary>
    public required IReadOnlyList<PredictedPoint> Band { get; init; }
    /// <summary>P(an observation at or below the target by the horizon); null when it cannot be estimated.</summary>
    public required double? ProbabilityByHorizon { get; init; }
    /// <summary>Epoch at which the target is first reached: median and interval; null ends = not reached within the horizon.</summary>
    public required QuantileInterval Reach { get; init; }
    /// <summary>The first observed epoch at or below the target, when the curve already got there.</summary>
    public required double? ObservedReachEpoch { get; init; }
    /// <summary>The limit of the curve as t → ∞; a null upper end means some weight on divergence.</summary>
    public required QuantileInterval Asymptote { get; init; }
    public required IReadOnlyList<EnsembleMember> Models { get; init; }
    /// <summary>Simulated observations at epochs 1 … <see cref="Band"/>'s end, one array per bootstrap replicate.</summary>
    public required IReadOnlyList<double[]> Paths { get; init; }

    /// <summary>The summary finding, computed from this prediction's numbers.</summary>
    public Finding Summary => PredictionFindings.Summary(this);

    /// <summary>Last epoch of the band.</summary>
    public int BandEnd => Band.Count;

    /// <summary>
    /// For each replicate, the first epoch at which its simulated observation is at or below <paramref name="target"/>
    /// (+∞ when it never is up to <see cref="BandEnd"/>). Epochs already observed count as observed, not as simulated.
    /// </summary>
    public double[] ReachEpochs(double target)
    {
        if (ObservedReach(Curve, target) is double seen) return Enumerable.Repeat(seen, Math.Max(Paths.Count, 1)).ToArray();
        double last = Curve.LastEpoch;
        var result = new double[Paths.Count];
        for (int b = 0; b < Paths.Count; b++)
        {
            result[b] = double.PositiveInfinity;
            var path = Paths[b];
            for (int e = 1; e <= path.Length; e++)
            {
                if (e <= last) continue;
                if (path[e - 1] <= target) { result[b] = e; break; }
            }
        }
        return result;
    }

    /// <summary>P(target reached by epoch <paramref name="byEpoch"/>); null when there are no paths and no observation decides it.</summary>
    public double? ProbabilityReached(double target, double byEpoch)
    {
        if (ObservedReach(Curve, target) is double seen && seen <= byEpoch) return 1;
        if (byEpoch <= Curve.LastEpoch) return 0;
        if (Paths.Count == 0) return null;
        var reach = ReachEpochs(target);
        return reach.Count(e => e <= byEpoch) / (double)reach.Length;
    }

    /// <summary>P(first reached within [<paramref name="from"/>, <paramref name="to"/>]) — a forecast like "40–55 epochs".</summary>
    public double? ProbabilityReachedBetween(double target, double from, double to)
    {
        if (ObservedReach(Curve, target) is double seen) return seen >= from && seen <= to ? 1 : 0;
        if (Paths.Count == 0) return null;
        var reach = ReachEpochs(target);
        return reach.Count(e => e >= from && e <= to) / (double)reach.Length;
    }

    /// <summary>P(the observation at <paramref name="epoch"/> is below <paramref name="value"/>) under the band's paths.</summary>
    public double? ProbabilityBelowAt(double value, int epoch)
    {
        if (Paths.Count == 0 || epoch < 1 || epoch > BandEnd) return null;
        return Paths.Count(p => p[epoch - 1] < value) / (double)Paths.Count;
    }

    /// <summary>The band at <paramref name="epoch"/>, or null outside it.</summary>
    public PredictedPoint? BandAt(int epoch) => epoch >= 1 && epoch <= Band.Count ? Band[epoch - 1] : null;

    /// <summary>The first observed epoch with a value at or below <paramref name="target"/>.</summary>
    public static double? ObservedReach(LearningCurve curve, double target)
    {
        for (int i = 0; i < curve.Count; i++)
            if (curve.Values[i] <= target) return curve.Epochs[i];
        return null;
    }
}
