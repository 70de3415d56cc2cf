using FrequencyLab.Findings;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Prediction;

/// <summary>
/// The predictor's own reliability, measured: predict a finished curve from its first k epochs to its last epoch, then
/// score the band and the reach forecast against what the run actually did.
/// </summary>
public static class Backtest
{
    /// <summary>Predicts <paramref name="finished"/> from its first <paramref name="k"/> points up to its last epoch.</summary>
    public static BacktestScore Score(LearningCurve finished, int k, PredictionOptions options, ConvergencePredictor? predictor = null,
        CancellationToken cancellationToken = default)
    {
        finished.Validate();
        if (k < 1 || k >= finished.Count)
            throw new InvalidSpecException($"backtest of {finished.Name}: fit on {k} of {finished.Count} points leaves nothing to score");
        int last = (int)Math.Ceiling(finished.LastEpoch);
        var prediction = (predictor ?? new ConvergencePredictor()).Predict(finished.Take(k), options with { Horizon = last }, cancellationToken);
        int inside = 0, scored = 0;
        for (int i = k; i < finished.Count; i++)
        {
            if (prediction.BandAt((int)Math.Round(finished.Epochs[i])) is not { } point) continue;
            scored++;
            if (point.Contains(finished.Values[i])) inside++;
        }
        double actual = finished.Values[^1];
        var atLast = prediction.BandAt(last);
        bool reached = ConvergencePrediction.ObservedReach(finished, options.Target) is not null;
        return new BacktestScore(finished.Name, k, finished.Count - k, prediction.Status,
            scored == 0 ? double.NaN : inside / (double)scored, actual, atLast?.Median ?? double.NaN,
            atLast is null ? double.NaN : Math.Log(actual / atLast.Median), atLast?.Contains(actual) ?? false,
            prediction.ProbabilityByHorizon, reached);
    }

    /// <summary>
    /// A backtest table: every curve × every k that leaves at least one epoch to score. Progress counts finished rows.
    /// </summary>
    public static IReadOnlyList<BacktestScore> Table(IEnumerable<LearningCurve> curves, IReadOnlyList<int> fittedEpochs, PredictionOptions options,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var predictor = new ConvergencePredictor();
        var rows = new List<BacktestScore>();
        foreach (var curve in curves)
            foreach (int k in fittedEpochs.Where(k => k >= 1 && k < curve.Count))
            {
                rows.Add(Score(curve, k, options, predictor, cancellationToken));
                progress?.Report(rows.Count);
            }
        return rows;
    }

    /// <summary>The curves of a sweep's points that have a finite history of at least <paramref name="minimumEpochs"/> epochs.</summary>
    public static IReadOnlyList<LearningCurve> Curves(SweepResults results, MonitorMetric metric, int minimumEpochs = 4)
    {
        var curves = new List<LearningCurve>();
        foreach (var point in results.Points)
        {
            if (point.History is not { } h || h.Epochs.Count < minimumEpochs) continue;
            if (h.Epochs.Any(e => !(e.Monitored(metric) > 0) || !double.IsFinite(e.Monitored(metric)))) continue;
            curves.Add(LearningCurve.FromHistory(h, metric, $"{point.Point.Name} · {LearningCurve.MetricName(metric)}"));
        }
        return curves;
    }

    /// <summary>The curves of finished runs (one per init seed, named by it) that have a finite history of at least
    /// <paramref name="minimumEpochs"/> epochs.</summary>
    public static IReadOnlyList<LearningCurve> Curves(IReadOnlyList<TrainingHistory> runs, MonitorMetric metric, int minimumEpochs = 4)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Where(h => h.Epochs.Count >= minimumEpochs && h.Epochs.All(e => e.Monitored(metric) > 0 && double.IsFinite(e.Monitored(metric))))
            .Select(h => LearningCurve.FromHistory(h, metric, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"lr {h.Config.LearningRate:0.##e+0}, seed {h.Config.InitSeed} · {LearningCurve.MetricName(metric)}")))
            .ToList();
    }

    /// <summary>
    /// "Does the prediction band cover held-out epochs at its nominal rate?" — supported when the mean coverage is within
    /// <paramref name="tolerance"/> of the level, contradicted when it is further below (overconfident) or above
    /// (too wide), inconclusive with fewer than 5 scored backtests.
    /// </summary>
    public static Finding Calibration(IReadOnlyList<BacktestScore> scores, double level, double tolerance = 0.1)
    {
        var scored = scores.Where(s => double.IsFinite(s.Coverage)).ToArray();
        double coverage = scored.Length == 0 ? double.NaN : scored.Average(s => s.Coverage);
        var logErrors = scored.Select(s => Math.Abs(s.LastLogError)).Where(double.IsFinite).OrderBy(e => e).ToArray();
        double medianError = logErrors.Length == 0 ? double.NaN : QuantileInterval.Quantile(logErrors, 0.5);
        var briers = scored.Select(s => s.BrierScore).Where(double.IsFinite).ToArray();
        var measurements = new List<Measurement>
        {
            new("scored backtests", scored.Length),
            new("mean coverage of held-out epochs", coverage, "", IntervalLabel: null),
            new("nominal coverage", level),
            new("median |ln(actual/predicted)| at the last epoch", medianError),
            new("Brier score of P(target reached)", briers.Length == 0 ? double.NaN : briers.Average()),
        };
        string rule = $"supported when the mean coverage is within ±{Number.Format(tolerance)} of the nominal {Number.Format(level)}; "
                      + "contradicted outside; inconclusive with fewer than 5 scored backtests";
        const string question = "Does the prediction band cover held-out epochs at its nominal rate?";
        if (scored.Length < 5)
            return new Finding(question, Verdict.Inconclusive, $"Only {scored.Length} backtests could be scored.", rule, measurements);
        bool within = Math.Abs(coverage - level) <= tolerance;
        string how = within ? "close to" : coverage < level ? "below (the band is overconfident)" : "above (the band is wider than needed)";
        return new Finding(question, within ? Verdict.Supported : Verdict.Contradicted,
            $"Over {scored.Length} backtests the band covered {Number.Format(100 * coverage)} % of held-out epochs, {how} the nominal {Number.Format(100 * level)} %; "
            + $"the median error at the last epoch is a factor {Number.Format(Math.Exp(medianError))}.", rule, measurements);
    }

    /// <summary>The backtest rows as a table for a notebook.</summary>
    public static Charts.HtmlTable ToTable(IReadOnlyList<BacktestScore> scores, string caption) =>
        new(["curve", "fitted epochs", "held out", "band coverage", "actual last", "predicted last", "ln(actual/predicted)", "P(reached)", "reached"],
            scores.Select(s => (IReadOnlyList<string>)new[]
            {
                s.Curve, s.FittedEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture), s.HeldOutEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Number.Format(s.Coverage), Number.Format(s.LastValue), Number.Format(s.PredictedLast), Number.Format(s.LastLogError),
                s.ProbabilityReached is double p ? Number.Format(p) : "—", s.Reached ? "yes" : "no",
            }), caption);
}
