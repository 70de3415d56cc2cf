namespace FrequencyLab.Prediction;

/// <summary>
/// Learning-curve extrapolation with honest uncertainty, in the spirit of Domhan et al. (2015):
/// <list type="number">
/// <item>every family of <see cref="CurveFamilies.All"/> with few enough parameters is fitted robustly to ln(value)
/// (<see cref="RobustCurveFitter"/>);</item>
/// <item>each is weighted by how well it predicts the last points when fitted without them (leave-last-out): weight ∝
/// exp(−½ Σ e²/σ²), a Gaussian predictive likelihood with σ² the median in-sample residual variance of the fitted
/// families, so a family that extrapolates badly loses its weight however well it interpolates;</item>
/// <item>a residual bootstrap (seeded) draws <see cref="PredictionOptions.Replicates"/> replicates shared among the
/// families by weight: resampled residuals, refit, and simulated future observations (curve × e^(resampled residual)).
/// The band, P(reached), the reach epoch and the asymptote are quantiles over these replicates.</item>
/// </list>
/// Whether the band covers what it claims is not assumed: the calibration tests and <see cref="Backtest"/> measure it.
/// Degenerate curves get a clear answer (<see cref="PredictionStatus"/>); a NaN is a <see cref="CurveInputException"/>.
/// </summary>
public sealed class ConvergencePredictor
{
    /// <summary>Fewer points than this are not extrapolated.</summary>
    public const int MinimumPoints = 3;

    public IReadOnlyList<CurveFamily> Families { get; init; } = CurveFamilies.All;

    public ConvergencePrediction Predict(LearningCurve curve, PredictionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(curve);
        curve.Validate();
        options.Validate();
        int n = curve.Count;
        int end = Math.Max(options.Horizon, (int)Math.Ceiling(curve.LastEpoch));
        double? observed = ConvergencePrediction.ObservedReach(curve, options.Target);
        var trend = TrendOf(curve);

        if (n < MinimumPoints)
            return Degenerate(curve, options, PredictionStatus.TooFewPoints, trend, observed, [], [], QuantileInterval.None);
        if (curve.Values.Max() - curve.Values.Min() <= 1e-12 * curve.Values.Max())
        {
            // Exactly flat: the flat model with no residual noise; nothing to bootstrap, so the band is the constant.
            double c = curve.Values[0];
            var path = Enumerable.Repeat(c, end).ToArray();
            var member = new EnsembleMember("flat", new FlatCurve().Formula, 1, new Dictionary<string, double> { ["c"] = c }, 0, c);
            return Degenerate(curve, options, PredictionStatus.Constant, CurveTrend.NoClearTrend, observed, [path], [member], QuantileInterval.Exactly(c));
        }

        var t = curve.Epochs.ToArray();
        var logY = curve.Values.Select(v => Math.Log(v)).ToArray();
        int holdout = Math.Min(options.HoldoutFor(n), n - 2);
        var scored = new List<(CurveFamily Family, CurveFit? Fit, double HoldoutSse, string? Note)>();
        foreach (var family in Families)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The held-out fit must itself leave a residual degree of freedom: p + 1 ≤ n − holdout.
            if (family.ParameterCount + 1 > n - holdout)
            {
                scored.Add((family, null, double.NaN, $"needs at least {family.ParameterCount + 1 + holdout} points for {family.ParameterCount} parameters and {holdout} held out"));
                continue;
            }
            var full = RobustCurveFitter.Fit(family, curve.Epochs, curve.Values);
            var early = RobustCurveFitter.Fit(family, curve.Epochs.Take(n - holdout).ToArray(), curve.Values.Take(n - holdout).ToArray());
            if (full is null || early is null) { scored.Add((family, null, double.NaN, "fit failed")); continue; }
            double sse = 0;
            for (int i = n - holdout; i < n; i++)
            {
                double e = logY[i] - RobustCurveFitter.SafeLog(early.At(t[i]));
                sse += e * e;
            }
            scored.Add((family, full, sse, null));
        }

        var fitted = scored.Where(s => s.Fit is not null).ToList();
        if (fitted.Count == 0)
            return Degenerate(curve, options, PredictionStatus.TooFewPoints, trend, observed, [],
                scored.Select(s => Member(s.Family, null, 0, double.NaN, s.Note)).ToList(), QuantileInterval.None);

        var variances = fitted.Select(s => s.Fit!.ResidualVariance).OrderBy(v => v).ToArray();
        double sigma2 = Math.Max(variances[variances.Length / 2], 1e-8);
        var logWeights = fitted.Select(s => -0.5 * s.HoldoutSse / sigma2).ToArray();
        double max = logWeights.Max();
        var weights = logWeights.Select(l => Math.Exp(l - max)).ToArray();
        double total = weights.Sum();
        for (int i = 0; i < weights.Length; i++) weights[i] /= total;

        var counts = Allocate(weights, options.Replicates);
        var random = new Random(options.Seed);
        var paths = new List<double[]>(options.Replicates);
        var asymptotes = new List<double>(options.Replicates);
        var scale = CurveScale.Of(curve.Epochs, curve.Values);
        for (int m = 0; m < fitted.Count; m++)
        {
            var fit = fitted[m].Fit!;
            int p = fit.Parameters.Length;
            double inflate = Math.Sqrt(n / (double)Math.Max(n - p, 1));
            double mean = fit.LogResiduals.Average();
            var residuals = fit.LogResiduals.Select(r => (r - mean) * inflate).ToArray();
            var fittedLog = t.Select(x => RobustCurveFitter.SafeLog(fit.At(x))).ToArray();
            for (int b = 0; b < counts[m]; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var yStar = new double[n];
                for (int i = 0; i < n; i++) yStar[i] = fittedLog[i] + residuals[random.Next(n)];
                var theta = RobustCurveFitter.Refit(fit.Family, t, yStar, fit.Weights, fit.Parameters, scale) ?? fit.Parameters;
                var path = new double[end];
                for (int e = 1; e <= end; e++)
                    path[e - 1] = fit.Family.Evaluate(theta, e) * Math.Exp(residuals[random.Next(n)]);
                paths.Add(path);
                asymptotes.Add(fit.Family.Asymptote(theta));
            }
        }

        var members = new List<EnsembleMember>();
        foreach (var s in scored)
        {
            int index = fitted.FindIndex(f => ReferenceEquals(f.Family, s.Family));
            members.Add(index < 0
                ? Member(s.Family, null, 0, double.NaN, s.Note)
                : Member(s.Family, s.Fit, weights[index], Math.Sqrt(s.HoldoutSse / holdout), null));
        }
        return Build(curve, options, PredictionStatus.Predicted, trend, observed, paths, members, QuantileInterval.Of(asymptotes, options.Level));
    }

    /// <summary>Kendall's τ between epoch and value, turned into a direction with ±0.5 thresholds.</summary>
    public static CurveTrend TrendOf(LearningCurve curve)
    {
        int concordant = 0, discordant = 0;
        for (int i = 0; i < curve.Count; i++)
            for (int j = i + 1; j < curve.Count; j++)
            {
                double d = curve.Values[j] - curve.Values[i];
                if (d > 0) concordant++; else if (d < 0) discordant++;
            }
        int pairs = curve.Count * (curve.Count - 1) / 2;
        if (pairs == 0) return CurveTrend.NoClearTrend;
        double tau = (concordant - discordant) / (double)pairs;
        return tau >= 0.5 ? CurveTrend.Rising : tau <= -0.5 ? CurveTrend.Decreasing : CurveTrend.NoClearTrend;
    }

    /// <summary>Largest-remainder split of <paramref name="total"/> replicates by weight (deterministic, sums to total).</summary>
    public static int[] Allocate(IReadOnlyList<double> weights, int total)
    {
        var counts = weights.Select(w => (int)Math.Floor(w * total)).ToArray();
        int left = total - counts.Sum();
        foreach (int i in Enumerable.Range(0, weights.Count).OrderByDescending(i => weights[i] * total - counts[i]).ThenBy(i => i).Take(left))
            counts[i]++;
        return counts;
    }

    private static EnsembleMember Member(CurveFamily family, CurveFit? fit, double weight, double holdoutRmse, string? note) =>
        new(family.Name, family.Formula, weight,
            fit is null ? new Dictionary<string, double>() : family.ParameterNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => fit.Parameters[x.i]),
            holdoutRmse, fit?.Asymptote ?? double.NaN, note);

    private static ConvergencePrediction Degenerate(LearningCurve curve, PredictionOptions options, PredictionStatus status, CurveTrend trend,
        double? observed, IReadOnlyList<double[]> paths, IReadOnlyList<EnsembleMember> members, QuantileInterval asymptote) =>
        Build(curve, options, status, trend, observed, paths, members, asymptote);

    private static ConvergencePrediction Build(LearningCurve curve, PredictionOptions options, PredictionStatus status, CurveTrend trend,
        double? observed, IReadOnlyList<double[]> paths, IReadOnlyList<EnsembleMember> members, QuantileInterval asymptote)
    {
        var band = new List<PredictedPoint>();
        if (paths.Count > 0)
        {
            int end = paths[0].Length;
            for (int e = 1; e <= end; e++)
            {
                var column = paths.Select(p => p[e - 1]).OrderBy(v => v).ToArray();
                band.Add(new PredictedPoint(e, QuantileInterval.Quantile(column, 0.5),
                    QuantileInterval.Quantile(column, (1 - options.Level) / 2), QuantileInterval.Quantile(column, (1 + options.Level) / 2)));
            }
        }
        var prediction = new ConvergencePrediction
        {
            Curve = curve, Options = options, Status = status, Trend = trend, Band = band, ObservedReachEpoch = observed,
            Asymptote = asymptote, Models = members, Paths = paths,
            ProbabilityByHorizon = null, Reach = QuantileInterval.None,
        };
        double? probability = prediction.ProbabilityReached(options.Target, options.Horizon);
        QuantileInterval reach = observed is double seen ? QuantileInterval.Exactly(seen)
            : paths.Count == 0 ? QuantileInterval.None
            : QuantileInterval.Of(prediction.ReachEpochs(options.Target).Select(e => e <= options.Horizon ? e : double.PositiveInfinity).ToArray(), options.Level);
        return prediction with { ProbabilityByHorizon = probability, Reach = reach };
    }
}
