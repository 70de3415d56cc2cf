using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>One epoch across several runs (init seeds).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Median">Median over the runs that reached this epoch with a finite value.</param>
/// <param name="Min">Lowest.</param>
/// <param name="Max">Highest.</param>
/// <param name="Runs">Runs with a finite value at this epoch.</param>
public sealed record SeedBandPoint(int Epoch, double Median, double Min, double Max, int Runs);

/// <summary>Several runs of one configuration seen together: per epoch the median and the min–max band.</summary>
/// <param name="Name">What the runs are, e.g. "lr 1e-3, 3 init seeds".</param>
/// <param name="Metric">Which value.</param>
/// <param name="Points">One per epoch reached by any run; epochs no run reached with a finite value are left out.</param>
/// <param name="RunCount">How many runs went in.</param>
public sealed record SeedBand(string Name, TrajectoryMetric Metric, IReadOnlyList<SeedBandPoint> Points, int RunCount)
{
    /// <summary>From histories (runs that stopped early simply contribute fewer epochs).</summary>
    public static SeedBand FromHistories(IReadOnlyList<TrainingHistory> histories, TrajectoryMetric metric = TrajectoryMetric.TrainLoss, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(histories);
        return FromValues(histories.Select(h => (IReadOnlyList<double>)h.Epochs.OrderBy(e => e.Epoch)
            .Select(e => LossTrajectory.Value(e, metric)).ToList()).ToList(), metric, name ?? LossTrajectory.MetricName(metric));
    }

    /// <summary>From per-run value lists (epoch 1 first).</summary>
    public static SeedBand FromValues(IReadOnlyList<IReadOnlyList<double>> runs, TrajectoryMetric metric = TrajectoryMetric.TrainLoss, string name = "loss")
    {
        ArgumentNullException.ThrowIfNull(runs);
        int epochs = runs.Count == 0 ? 0 : runs.Max(r => r.Count);
        var points = new List<SeedBandPoint>();
        for (int e = 0; e < epochs; e++)
        {
            var values = runs.Where(r => r.Count > e && double.IsFinite(r[e])).Select(r => r[e]).OrderBy(v => v).ToList();
            if (values.Count == 0) continue;
            double median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
            points.Add(new SeedBandPoint(e + 1, median, values[0], values[^1], values.Count));
        }
        return new SeedBand(name, metric, points, runs.Count);
    }
}
