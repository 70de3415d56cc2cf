using FrequencyLab.Data;
using FrequencyLab.Training;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Sweep;

/// <summary>One epoch of one grid point, flat: the row of <see cref="SweepResults.ToDataFrame"/>.</summary>
/// <param name="Point">The point's name.</param>
/// <param name="LearningRate">The point's configured learning rate.</param>
/// <param name="InitSeed">The point's init seed.</param>
/// <param name="Reset">The point's reset policy.</param>
/// <param name="Order">The point's row order.</param>
/// <param name="Engine">The engine that ran it.</param>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean row loss before each update (the report's table).</param>
/// <param name="FrozenTrainMse">Frozen stateful MSE over the training rows after the epoch.</param>
/// <param name="FrozenTestMse">Frozen stateful MSE over the test rows after the epoch.</param>
/// <param name="TrainLossPerFrequency">Train loss per frequency, one-hot order.</param>
/// <param name="FrozenTestMsePerFrequency">Frozen test MSE per frequency, one-hot order.</param>
/// <param name="EpochLearningRate">The scheduler's learning rate during the epoch.</param>
/// <param name="GradientNormMean">Mean pre-clip gradient norm.</param>
/// <param name="FractionClipped">Fraction of steps whose gradient was clipped.</param>
/// <param name="Seconds">Wall seconds of the epoch.</param>
public sealed record SweepEpochRecord(
    string Point, double LearningRate, ulong InitSeed, ResetPolicy Reset, RowOrder Order, string Engine, int Epoch,
    double TrainLoss, double FrozenTrainMse, double FrozenTestMse, double[] TrainLossPerFrequency, double[] FrozenTestMsePerFrequency,
    double EpochLearningRate, double GradientNormMean, double FractionClipped, double Seconds);

/// <summary>
/// The outcome of a sweep: one <see cref="SweepPointResult"/> per grid point (with its history), as flat per-epoch records
/// or a Microsoft.Data.Analysis <see cref="DataFrame"/> for notebooks. <see cref="Load"/> reads a sweep folder back.
/// </summary>
public sealed class SweepResults(SweepGrid grid, IReadOnlyList<SweepPointResult> points, string? folder)
{
    public SweepGrid Grid { get; } = grid;
    public IReadOnlyList<SweepPointResult> Points { get; } = points;
    /// <summary>The sweep folder, or null for an in-memory sweep.</summary>
    public string? Folder { get; } = folder;

    /// <summary>True when every point reached a finished status (completed, early-stopped or non-finite).</summary>
    public bool AllFinished => Points.All(p => p.Status is SweepPointStatus.Completed or SweepPointStatus.EarlyStopping or SweepPointStatus.NonFinite);

    /// <summary>Histories by point name (points without one are left out).</summary>
    public IReadOnlyDictionary<string, TrainingHistory> Histories =>
        Points.Where(p => p.History is not null).ToDictionary(p => p.Point.Name, p => p.History!, StringComparer.Ordinal);

    /// <summary>One record per point × completed epoch, in grid order.</summary>
    public IEnumerable<SweepEpochRecord> Records()
    {
        foreach (var r in Points)
        {
            if (r.History is null) continue;
            foreach (var e in r.History.Epochs)
                yield return new SweepEpochRecord(r.Point.Name, r.Point.LearningRate, r.Point.InitSeed, r.Point.Reset, r.Point.Order,
                    r.History.Environment.Engine, e.Epoch, e.TrainLoss, e.FrozenTrain.Mse, e.FrozenTest.Mse, e.TrainLossPerFrequency,
                    e.FrozenTest.MsePerFrequency, e.LearningRate, e.GradientNorm.Mean, e.GradientNorm.FractionClipped, e.Seconds);
        }
    }

    /// <summary>
    /// The records as a DataFrame, one row per point × epoch: point, lr, seed, reset, order, engine, epoch, train_loss,
    /// frozen_train_mse, frozen_test_mse, then per frequency train_loss_{f}hz and test_mse_{f}hz (f from the grid's signal
    /// spec), then epoch_lr, grad_norm_mean, fraction_clipped, seconds.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var rows = Records().ToList();
        var frequencies = Grid.Base.Data.Spec.Frequencies;
        var frame = new DataFrame(
            new StringDataFrameColumn("point", rows.Select(r => r.Point)),
            new DoubleDataFrameColumn("lr", rows.Select(r => r.LearningRate)),
            new UInt64DataFrameColumn("seed", rows.Select(r => r.InitSeed)),
            new StringDataFrameColumn("reset", rows.Select(r => SweepGrid.ResetName(r.Reset))),
            new StringDataFrameColumn("order", rows.Select(r => SweepGrid.OrderName(r.Order))),
            new StringDataFrameColumn("engine", rows.Select(r => r.Engine)),
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Epoch)),
            new DoubleDataFrameColumn("train_loss", rows.Select(r => r.TrainLoss)),
            new DoubleDataFrameColumn("frozen_train_mse", rows.Select(r => r.FrozenTrainMse)),
            new DoubleDataFrameColumn("frozen_test_mse", rows.Select(r => r.FrozenTestMse)));
        for (int f = 0; f < frequencies.Length; f++)
        {
            int k = f;
            var label = frequencies[f].ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            frame.Columns.Add(new DoubleDataFrameColumn($"train_loss_{label}hz", rows.Select(r => At(r.TrainLossPerFrequency, k))));
            frame.Columns.Add(new DoubleDataFrameColumn($"test_mse_{label}hz", rows.Select(r => At(r.FrozenTestMsePerFrequency, k))));
        }
        frame.Columns.Add(new DoubleDataFrameColumn("epoch_lr", rows.Select(r => r.EpochLearningRate)));
        frame.Columns.Add(new DoubleDataFrameColumn("grad_norm_mean", rows.Select(r => r.GradientNormMean)));
        frame.Columns.Add(new DoubleDataFrameColumn("fraction_clipped", rows.Select(r => r.FractionClipped)));
        frame.Columns.Add(new DoubleDataFrameColumn("seconds", rows.Select(r => r.Seconds)));
        return frame;

        static double At(double[] values, int i) => i < values.Length ? values[i] : double.NaN;
    }

    /// <summary>Reads a sweep folder: its sweep.json and each point's history.json (when the point has one).</summary>
    public static SweepResults Load(string sweepFolder)
    {
        var root = Path.GetFullPath(sweepFolder);
        var index = SweepIndex.Read(Path.Combine(root, SweepIndex.FileName));
        var byName = index.Grid.Points().ToDictionary(p => p.Name, StringComparer.Ordinal);
        var points = new List<SweepPointResult>();
        foreach (var entry in index.Points)
        {
            if (!byName.TryGetValue(entry.Name, out var point))
                throw new DataFileException(Path.Combine(root, SweepIndex.FileName), $"point {entry.Name} is not in the sweep's grid");
            var folder = Path.Combine(root, entry.Folder);
            var historyPath = Path.Combine(folder, "history.json");
            // The stored run may be longer (a store's run read by a longer stage): the point is its first epochs.
            var history = File.Exists(historyPath) ? FrequencyLab.Grid.RunKey.Prefix(HistoryJson.Read(historyPath), point.Config) : null;
            points.Add(new SweepPointResult(point, entry.Status, history, Path.GetFullPath(folder), entry.Message));
        }
        return new SweepResults(index.Grid, points, root);
    }
}
