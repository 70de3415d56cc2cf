using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>
/// A run's per-epoch values read the way the report's §2.1 reads them, and tested rather than eyeballed: the table of
/// changes from the previous epoch and from the best earlier epoch, the best epoch, how many epochs rose, whether a range
/// of epochs is monotonic, a Mann–Kendall / Theil–Sen trend test, and the divergence alerts.
/// </summary>
/// <param name="Name">What the values are (e.g. "train loss", "report §2.1").</param>
/// <param name="Metric">Which history value it follows (TrainLoss for bare values).</param>
/// <param name="Rows">One row per epoch, epoch 1 first.</param>
/// <param name="Trend">Trend test over all finite epochs.</param>
/// <param name="Alerts">The divergence alerts: recorded ones for a history's train loss, otherwise recomputed from the values.</param>
public sealed record LossTrajectory(string Name, TrajectoryMetric Metric, IReadOnlyList<TrajectoryRow> Rows, TrendTest Trend, AlertSummary Alerts)
{
    /// <summary>The epoch with the lowest finite value (earliest on ties); null when there is none.</summary>
    public int? BestEpoch => Rows.Where(r => double.IsFinite(r.Loss)).OrderBy(r => r.Loss).ThenBy(r => r.Epoch).FirstOrDefault()?.Epoch;

    /// <summary>The lowest finite value (NaN when there is none).</summary>
    public double BestLoss => Rows.Where(r => double.IsFinite(r.Loss)).Select(r => r.Loss).DefaultIfEmpty(double.NaN).Min();

    /// <summary>The last epoch's value.</summary>
    public double FinalLoss => Rows.Count == 0 ? double.NaN : Rows[^1].Loss;

    /// <summary>Final / best − 1: how far the run ended above its best.</summary>
    public double FinalAboveBest => FinalLoss / BestLoss - 1;

    /// <summary>Epochs whose value went up from the previous one.</summary>
    public int Rises => Rows.Count(r => r.Rose);

    /// <summary>Epochs whose value went down from the previous one.</summary>
    public int Falls => Rows.Count(r => r.ChangeFromPrevious is < 0);

    /// <summary>The longest run of consecutive rises.</summary>
    public int LongestRiseRun
    {
        get
        {
            int best = 0, run = 0;
            foreach (var r in Rows) { run = r.Rose ? run + 1 : 0; best = Math.Max(best, run); }
            return best;
        }
    }

    /// <summary>True when every epoch in [from, to] (1-based, inclusive) is strictly above the one before it; the
    /// report's "monotonic increase through epochs 2–4" is <c>IsMonotonicIncrease(2, 4)</c> (3 &gt; 2 and 4 &gt; 3).</summary>
    public bool IsMonotonicIncrease(int from, int to) => Changes(from, to).All(c => c > 0);

    /// <summary>True when every epoch in [from, to] is strictly below the one before it.</summary>
    public bool IsMonotonicDecrease(int from, int to) => Changes(from, to).All(c => c < 0);

    /// <summary>The value at a 1-based epoch.</summary>
    public double At(int epoch) => Rows[epoch - 1].Loss;

    /// <summary>The values, epoch 1 first.</summary>
    public IReadOnlyList<double> Values => Rows.Select(r => r.Loss).ToList();

    private IEnumerable<double> Changes(int from, int to)
    {
        if (from < 1 || to > Rows.Count || to <= from)
            throw new ArgumentOutOfRangeException(nameof(to), $"epochs {from}–{to} are not a range of at least two of the {Rows.Count} epochs");
        return Enumerable.Range(from + 1, to - from).Select(e =>
        {
            double prev = Rows[e - 2].Loss, cur = Rows[e - 1].Loss;
            return double.IsFinite(prev) && double.IsFinite(cur) ? cur - prev : double.NaN;
        });
    }

    /// <summary>From bare per-epoch values (epoch 1 first); alerts are recomputed with <see cref="DivergenceAlerts"/>.</summary>
    public static LossTrajectory FromValues(IReadOnlyList<double> values, string name = "loss", double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new LossTrajectory(name, TrajectoryMetric.TrainLoss, BuildRows(values), TrendTest.OverEpochs(values, confidence),
            AlertSummary.Recompute(values));
    }

    /// <summary>From a history: the chosen metric per epoch; for the train loss the alerts are the events the trainer recorded.</summary>
    public static LossTrajectory FromHistory(TrainingHistory history, TrajectoryMetric metric = TrajectoryMetric.TrainLoss,
        string? name = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(history);
        var values = history.Epochs.OrderBy(e => e.Epoch).Select(e => Value(e, metric)).ToList();
        var alerts = metric == TrajectoryMetric.TrainLoss
            ? AlertSummary.FromEvents(history.Epochs.SelectMany(e => e.Events))
            : AlertSummary.Recompute(values);
        return new LossTrajectory(name ?? MetricName(metric), metric, BuildRows(values), TrendTest.OverEpochs(values, confidence), alerts);
    }

    /// <summary>One epoch's value for a metric.</summary>
    public static double Value(EpochRecord epoch, TrajectoryMetric metric) => metric switch
    {
        TrajectoryMetric.FrozenTrainMse => epoch.FrozenTrain.Mse,
        TrajectoryMetric.FrozenTestMse => epoch.FrozenTest.Mse,
        _ => epoch.TrainLoss,
    };

    /// <summary>"train loss", "frozen train MSE", "frozen test MSE".</summary>
    public static string MetricName(TrajectoryMetric metric) => metric switch
    {
        TrajectoryMetric.FrozenTrainMse => "frozen train MSE",
        TrajectoryMetric.FrozenTestMse => "frozen test MSE",
        _ => "train loss",
    };

    private static List<TrajectoryRow> BuildRows(IReadOnlyList<double> values)
    {
        var rows = new List<TrajectoryRow>(values.Count);
        double best = double.PositiveInfinity;
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            double? fromPrev = i > 0 && double.IsFinite(values[i - 1]) && values[i - 1] != 0 && double.IsFinite(v) ? v / values[i - 1] - 1 : null;
            double? fromBest = i > 0 && double.IsFinite(best) && best != 0 && double.IsFinite(v) ? v / best - 1 : null;
            rows.Add(new TrajectoryRow(i + 1, v, fromPrev, fromBest, double.IsFinite(v) && v <= best));
            if (double.IsFinite(v)) best = Math.Min(best, v);
        }
        return rows;
    }
}
