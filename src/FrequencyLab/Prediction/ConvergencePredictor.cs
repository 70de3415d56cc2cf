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
        // Bounded by the limits checked above: the last epoch and the horizon are at most PredictionLimits.MaxEpoch.
        int end = Math.Max(options.Horizon, (int)Math.Ceiling(curve.LastEpoch));
        if ((long)options.Replicates * end > PredictionLimits.MaxPathValues)
            throw new InvalidSpecException($"{options.Replicates} replicates × {end} epochs of band is more than the {PredictionLimits.MaxPathValues.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} simulated values a prediction may keep: use fewer replicates or a shorter horizon");
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

        // The fits see at most MaxFitPoints of the points (evenly spaced, first and last kept): each fit and refit is a
        // pass over them, so this bounds the cost whatever the curve's length. The curve itself still decides the trend,
        // what was observed and where the band starts.
        var sample = Thin(curve, PredictionLimits.MaxFitPoints);
        n = sample.Count;
        var t = sample.Epochs.ToArray();
        var logY = sample.Values.Select(v => Math.Log(v)).ToArray();
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
            var full = RobustCurveFitter.Fit(family, sample.Epochs, sample.Values);
            var early = RobustCurveFitter.Fit(family, sample.Epochs.Take(n - holdout).ToArray(), sample.Values.Take(n - holdout).ToArray());
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
        var scale = CurveScale.Of(sample.Epochs, sample.Values);
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
    /// <remarks>τ_a = (C − D) / (n(n−1)/2) over the points in curve order, with tied values in neither count. D, the pairs
    /// whose value falls, is counted as the inversions of a merge sort and the ties by sorting, so the cost is
    /// O(n log n) rather than one comparison per pair.</remarks>
    public static CurveTrend TrendOf(LearningCurve curve)
    {
        int n = curve.Count;
        long pairs = (long)n * (n - 1) / 2;
        if (pairs == 0) return CurveTrend.NoClearTrend;
        var values = curve.Values.ToArray();
        long discordant = Inversions(values, new double[n], 0, n); // sorts values
        long ties = 0;
        for (int i = 0, j; i < n; i = j)
        {
            for (j = i + 1; j < n && values[j] == values[i]; j++) { }
            long t = j - i;
            ties += t * (t - 1) / 2;
        }
        long concordant = pairs - discordant - ties;
        double tau = (concordant - discordant) / (double)pairs;
        return tau >= 0.5 ? CurveTrend.Rising : tau <= -0.5 ? CurveTrend.Decreasing : CurveTrend.NoClearTrend;
    }

    // Pairs i < j with a[i] > a[j] in a[from..to), sorting that range (merge sort; equal values are not inversions).
    private static long Inversions(double[] a, double[] scratch, int from, int to)
    {
        if (to - from < 2) return 0;
        int mid = (from + to) / 2;
        long count = Inversions(a, scratch, from, mid) + Inversions(a, scratch, mid, to);
        int i = from, j = mid, k = from;
        while (i < mid && j < to)
        {
            if (a[i] <= a[j]) scratch[k++] = a[i++];
            else { count += mid - i; scratch[k++] = a[j++]; }
        }
        while (i < mid) scratch[k++] = a[i++];
        while (j < to) scratch[k++] = a[j++];
        Array.Copy(scratch, from, a, from, to - from);
        return count;
    }

    /// <summary>
    /// <paramref name="curve"/> itself when it has at most <paramref name="points"/> points; otherwise that many of its
    /// points, evenly spaced by index with the first and the last kept. Subsampling (not averaging) keeps each point a
    /// single observation, so the residuals the bootstrap resamples keep their size.
    /// </summary>
    public static LearningCurve Thin(LearningCurve curve, int points)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "at least the first and the last point");
        int n = curve.Count;
        if (n <= points) return curve;
        var epochs = new double[points];
        var values = new double[points];
        for (int i = 0; i < points; i++)
        {
            // Strictly increasing indices: the step (n − 1)/(points − 1) is above 1.
            int index = (int)Math.Round(i * (double)(n - 1) / (points - 1));
            epochs[i] = curve.Epochs[index];
            values[i] = curve.Values[index];
        }
        return new LearningCurve(curve.Name, epochs, values);
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
            var column = new double[paths.Count];
            for (int e = 1; e <= end; e++)
            {
                for (int b = 0; b < column.Length; b++) column[b] = paths[b][e - 1];
                Array.Sort(column);
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
