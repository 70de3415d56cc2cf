namespace FrequencyLab.Prediction;

/// <summary>
/// Makes a <see cref="ForecastCalibration"/>: every curve of a library is cut after each of <see cref="Cuts"/> points,
/// predicted to its last epoch, and each held-out epoch gives a score (<see cref="HeldOutPoint.Score"/>): the factor by
/// which the raw band's log half-width must be scaled to reach it. Per range of epochs ahead (<see cref="HorizonRange"/>)
/// the factor is the split-conformal quantile of those scores, the ⌈(n + 1)·level⌉-th smallest of n.
/// <para>Its coverage is measured, not assumed: the real curves' groups (the seeds of one configuration, both metrics of a
/// run) are dealt into <see cref="Folds"/> folds, and each fold is scored with the factors fitted on the other folds and
/// the synthetic curves, never on itself. The stored factors are then fitted on everything.</para>
/// </summary>
public sealed class ForecastCalibrator
{
    public double Level { get; init; } = 0.9;
    public int Replicates { get; init; } = 200;
    public int Seed { get; init; }
    /// <summary>Points a curve is cut after (those that leave at least one epoch to score).</summary>
    public IReadOnlyList<int> Cuts { get; init; } = [5, 10, 15, 20, 30, 40];
    public int Folds { get; init; } = 4;
    public IReadOnlyList<HorizonRange> Horizons { get; init; } = HorizonRange.Standard;

    /// <summary>"Does the curve get 2 % below its best value so far by its last epoch?" — the question of whether to keep
    /// training, asked of every curve whatever its scale; on the study's curves the answer is yes for about one backtest
    /// in six (a fixed target such as 0.01 is reached by none, so its Brier score would say nothing).</summary>
    public const double ReachFraction = 0.98;

    /// <summary>Synthetic curves of each shape (<see cref="CurveLibrary.Synthetic"/>) added to the real ones of a calibration.</summary>
    public const int SyntheticPerShape = 5;

    /// <summary>One backtest: the curve cut after <paramref name="Fitted"/> points, its held-out epochs and reach forecast.</summary>
    public sealed record Run(string Curve, string Group, bool Real, int Fitted, double HoldoutError, IReadOnlyList<HeldOutPoint> Points, ReachOutcome? Reach);

    /// <summary>Backtests every curve at every cut that leaves an epoch to score.</summary>
    public IReadOnlyList<Run> Backtest(IReadOnlyList<CalibrationCurve> curves, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count > PredictionLimits.MaxCalibrationCurves)
            throw new InvalidSpecException($"{curves.Count:N0} curves is more than the {PredictionLimits.MaxCalibrationCurves:N0} a calibration may use");
        var predictor = new ConvergencePredictor();
        var runs = new List<Run>();
        foreach (var c in curves)
        {
            var curve = c.ToLearningCurve().Validate();
            foreach (int k in Cuts.Where(k => k < curve.Count))
            {
                var seen = curve.Take(k);
                int last = (int)Math.Ceiling(curve.LastEpoch), cut = (int)Math.Ceiling(seen.LastEpoch);
                // The band does not depend on the target (1 here); the reach question below asks its own of the same paths.
                var prediction = predictor.Predict(seen, new PredictionOptions(1, Math.Max(last, cut), Level, Replicates, Seed), cancellationToken);
                var points = new List<HeldOutPoint>();
                if (prediction.Status == PredictionStatus.Predicted)
                    for (int i = k; i < curve.Count; i++)
                        if (prediction.BandAt((int)Math.Round(curve.Epochs[i])) is { } b)
                            points.Add(new HeldOutPoint(c.Group, c.Real, k, (int)Math.Round(curve.Epochs[i]) - cut, curve.Values[i], b.Median, b.Lower, b.Upper));
                double target = ReachFraction * seen.Values.Min();
                ReachOutcome? reach = prediction.ProbabilityReached(target, last) is double p
                    ? new ReachOutcome(c.Group, c.Real, target, p, curve.Values.Skip(k).Any(v => v <= target)) : null;
                runs.Add(new Run(c.Name, c.Group, c.Real, k, ForecastCalibration.HoldoutError(prediction), points, reach));
                progress?.Report(runs.Count);
            }
        }
        return runs;
    }

    /// <summary>The split-conformal factor of each range from <paramref name="points"/> (null where there are too few for the level).</summary>
    public IReadOnlyList<double?> Scales(IEnumerable<HeldOutPoint> points)
    {
        var scores = Horizons.Select(_ => new List<double>()).ToArray();
        foreach (var p in points)
            if (HorizonRange.IndexOf(Horizons, p.Ahead) is int i and >= 0) scores[i].Add(p.Score);
        return scores.Select(s => ConformalQuantile(s, Level)).ToArray();
    }

    /// <summary>The ⌈(n + 1)·level⌉-th smallest score, the split-conformal quantile; null when that is beyond n.</summary>
    public static double? ConformalQuantile(List<double> scores, double level)
    {
        int rank = (int)Math.Ceiling((scores.Count + 1) * level);
        if (scores.Count == 0 || rank > scores.Count) return null;
        scores.Sort();
        return scores[rank - 1];
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        return QuantileInterval.Quantile([.. values], 0.5);
    }

    /// <summary>The fold of each real group: groups in ordinal order dealt round-robin (deterministic, balanced).</summary>
    public IReadOnlyDictionary<string, int> FoldsOf(IEnumerable<CalibrationCurve> curves) =>
        curves.Where(c => c.Real).Select(c => c.Group).Distinct().Order(StringComparer.Ordinal)
            .Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i % Math.Max(Folds, 1), StringComparer.Ordinal);

    /// <summary>Backtests <paramref name="curves"/>, measures the calibration by fold and fits it on everything.</summary>
    public ForecastCalibration Calibrate(IReadOnlyList<CalibrationCurve> curves, string source, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var runs = Backtest(curves, progress, cancellationToken);
        return FromBacktests(curves, runs, source);
    }

    /// <summary>The calibration of backtests already run (<see cref="Backtest"/>).</summary>
    public ForecastCalibration FromBacktests(IReadOnlyList<CalibrationCurve> curves, IReadOnlyList<Run> runs, string source)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0 || runs.All(r => r.Points.Count == 0))
            throw new InvalidSpecException($"no curve of {source} is longer than {Cuts.Min()} epochs: nothing to calibrate on");
        var folds = FoldsOf(curves);
        int foldCount = folds.Count == 0 ? 0 : folds.Values.Max() + 1;
        var inside = new int[Horizons.Count];
        var insideRaw = new int[Horizons.Count];
        var total = new int[Horizons.Count];
        var rawWidths = Horizons.Select(_ => new List<double>()).ToArray();
        var widths = Horizons.Select(_ => new List<double>()).ToArray();
        int refused = 0;
        var reach = new List<ReachOutcome>();
        for (int f = 0; f < foldCount; f++)
        {
            bool InFold(Run r) => r.Real && folds.TryGetValue(r.Group, out int g) && g == f;
            var fitted = runs.Where(r => !InFold(r)).ToList();
            var scales = Scales(fitted.SelectMany(r => r.Points));
            double maxError = fitted.Select(r => r.HoldoutError).Where(double.IsFinite).DefaultIfEmpty(0).Max();
            foreach (var run in runs.Where(InFold))
            {
                if (run.Reach is { } outcome) reach.Add(outcome);
                if (run.Points.Count == 0) continue;
                if (!(run.HoldoutError <= maxError)) { refused++; continue; }
                foreach (var p in run.Points)
                {
                    int i = HorizonRange.IndexOf(Horizons, p.Ahead);
                    if (i < 0 || scales[i] is not double scale) continue;
                    total[i]++;
                    if (p.Score <= 1) insideRaw[i]++;
                    if (p.Score <= scale) inside[i]++;
                    rawWidths[i].Add(p.Width(1));
                    widths[i].Add(p.Width(scale));
                }
            }
        }
        var finalScales = Scales(runs.SelectMany(r => r.Points));
        var horizons = Horizons.Select((h, i) => new HorizonCalibration(h.From, h.To, finalScales[i], total[i],
            total[i] == 0 ? null : insideRaw[i] / (double)total[i], total[i] == 0 ? null : inside[i] / (double)total[i],
            Median(rawWidths[i]), Median(widths[i]))).ToList();
        int heldOut = total.Sum();
        double? baseRate = reach.Count == 0 ? null : reach.Average(r => r.Reached ? 1.0 : 0.0);
        var reachCalibration = new ReachCalibration(reach.Count, reach.Count == 0 ? null : reach.Average(r => r.Brier),
            baseRate is double b ? reach.Average(r => Math.Pow(b - (r.Reached ? 1 : 0), 2)) : null, baseRate,
            $"P(the curve gets {Findings.Number.Format(100 * (1 - ReachFraction))} % below its best value so far by its last epoch), from the cut; held-out real curves");
        return new ForecastCalibration(ForecastCalibration.CurrentSchemaVersion, ForecastCalibration.KindName, source,
            "split-conformal scaling of the bootstrap band's log half-widths per range of epochs ahead; coverage measured with factors fitted on the other folds of groups",
            Level, Replicates, Seed, Cuts.ToArray(), Cuts.Min(), runs.SelectMany(r => r.Points).Select(p => p.Ahead).DefaultIfEmpty(1).Max(),
            runs.Select(r => r.HoldoutError).Where(double.IsFinite).DefaultIfEmpty(0).Max(),
            curves.Count(c => c.Real), folds.Count, foldCount, heldOut, refused,
            heldOut == 0 ? null : insideRaw.Sum() / (double)heldOut, heldOut == 0 ? null : inside.Sum() / (double)heldOut,
            horizons, reachCalibration, curves.ToArray());
    }
}
