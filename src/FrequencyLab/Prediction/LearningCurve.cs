using System.Globalization;
using FrequencyLab.Training;

namespace FrequencyLab.Prediction;

/// <summary>
/// One learning curve: a positive metric (train loss, frozen test MSE, any error) at increasing epochs. The predictor
/// models losses on a log scale, so values must be positive; epochs must be positive because the power-law families
/// evaluate t^−α.
/// </summary>
/// <param name="Name">What the curve is, e.g. "lr 1e-4 · seed 0 · frozen test MSE".</param>
/// <param name="Epochs">Epoch of each value, strictly increasing, all &gt; 0.</param>
/// <param name="Values">The metric at each epoch.</param>
public sealed record LearningCurve(string Name, IReadOnlyList<double> Epochs, IReadOnlyList<double> Values)
{
    public int Count => Values.Count;

    /// <summary>The curve's last epoch (0 when empty).</summary>
    public double LastEpoch => Epochs.Count == 0 ? 0 : Epochs[^1];

    /// <summary>Values at epochs 1, 2, 3, …</summary>
    public static LearningCurve FromValues(string name, IReadOnlyList<double> values) =>
        new(name, Enumerable.Range(1, values.Count).Select(e => (double)e).ToArray(), values.ToArray());

    /// <summary>The first <paramref name="count"/> points (for backtests).</summary>
    public LearningCurve Take(int count) => new(Name, Epochs.Take(count).ToArray(), Values.Take(count).ToArray());

    /// <summary>Throws <see cref="CurveInputException"/> for anything the predictor cannot model; returns this otherwise.</summary>
    public LearningCurve Validate() => Validate(logScale: true);

    /// <summary>
    /// The one check of a learning curve read from a file, for every reader of curves (<c>predict</c>, <c>diagnose</c>):
    /// at most <see cref="PredictionLimits.MaxPoints"/> points; epochs finite, positive, strictly increasing (no duplicate, no
    /// step back) and at most <see cref="PredictionLimits.MaxEpoch"/>; values finite and not negative (a loss, an MSE, an
    /// error rate), and positive when <paramref name="logScale"/> (the predictor models ln(value)).
    /// </summary>
    /// <exception cref="CurveInputException">The first problem, in one line naming the point.</exception>
    public LearningCurve Validate(bool logScale)
    {
        if (Epochs is null || Values is null) throw new CurveInputException(Name, $"no epochs or no values");
        if (Epochs.Count != Values.Count)
            throw new CurveInputException(Name, $"{Epochs.Count} epochs but {Values.Count} values");
        if (Count > PredictionLimits.MaxPoints)
            throw new CurveInputException(Name, $"{N(Count)} points, more than the {N(PredictionLimits.MaxPoints)} a curve may have (thin it, e.g. keep every k-th epoch)");
        for (int i = 0; i < Count; i++)
        {
            double e = Epochs[i], v = Values[i];
            if (!double.IsFinite(e) || e <= 0)
                throw new CurveInputException(Name, $"epoch {Fmt(e)} at point {i + 1} is not a positive number");
            if (i > 0 && e <= Epochs[i - 1])
                throw new CurveInputException(Name, $"epochs must increase, but {Fmt(e)} follows {Fmt(Epochs[i - 1])}");
            if (e > PredictionLimits.MaxEpoch)
                throw new CurveInputException(Name, $"epoch {Fmt(e)} at point {i + 1} is beyond {N(PredictionLimits.MaxEpoch)}, the last epoch a curve may have");
            if (double.IsNaN(v)) throw new CurveInputException(Name, $"value at epoch {Fmt(e)} is NaN (the run diverged or the file is corrupt)");
            if (!double.IsFinite(v)) throw new CurveInputException(Name, $"value at epoch {Fmt(e)} is infinite");
            if (v < 0) throw new CurveInputException(Name, $"value {Fmt(v)} at epoch {Fmt(e)} is negative (a loss or an error cannot be)");
            if (logScale && v == 0) throw new CurveInputException(Name, $"value {Fmt(v)} at epoch {Fmt(e)} is not positive (the predictor models losses on a log scale)");
        }
        return this;
    }

    /// <summary>One metric of a <see cref="TrainingHistory"/>: the epoch-mean train loss or the frozen test MSE.</summary>
    public static LearningCurve FromHistory(TrainingHistory history, MonitorMetric metric, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var label = name ?? $"lr {history.Config.LearningRate.ToString("0.###e+0", CultureInfo.InvariantCulture)} · seed {history.Config.InitSeed} · {MetricName(metric)}";
        return new LearningCurve(label, history.Epochs.Select(e => (double)e.Epoch).ToArray(),
            history.Epochs.Select(e => e.Monitored(metric)).ToArray());
    }

    /// <summary>"train loss" or "frozen test MSE".</summary>
    public static string MetricName(MonitorMetric metric) => metric == MonitorMetric.TestMse ? "frozen test MSE" : "train loss";

    /// <summary>
    /// Reads a curve from a history.json written by <c>train</c> (the chosen metric) or a CSV with the header
    /// <c>epoch,value</c>. Anything else — missing, empty, truncated, foreign — is a <see cref="DataFileException"/>.
    /// </summary>
    public static LearningCurve Read(string path, MonitorMetric metric = MonitorMetric.TrainLoss)
    {
        CheckFileSize(path);
        string text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('{'))
        {
            var history = HistoryJson.DeserializeHistory(text, path);
            if (history.Epochs.Count == 0) throw new DataFileException(path, "history has no completed epoch");
            return FromHistory(history, metric, $"{Path.GetFileName(path)} · {MetricName(metric)}");
        }
        return ReadCsv(path, text);
    }

    /// <summary>Refuses a missing file or one larger than <see cref="PredictionLimits.MaxFileBytes"/> before reading it.</summary>
    /// <exception cref="DataFileException">Missing, not a file, or too large.</exception>
    public static void CheckFileSize(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, Directory.Exists(path) ? "is a folder, not a file" : "no such file");
        long length = new FileInfo(path).Length;
        if (length > PredictionLimits.MaxFileBytes)
            throw new DataFileException(path, $"{N(length)} bytes, more than the {N(PredictionLimits.MaxFileBytes)} a learning curve's file may have");
    }

    private static LearningCurve ReadCsv(string path, string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim().TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new DataFileException(path, "empty file: expected a history.json or a CSV with the header epoch,value");
        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length != 2 || header[0] != "epoch" || header[1] != "value")
            throw new DataFileException(path, $"not a history.json nor a CSV with the header epoch,value (first line: \"{Truncate(lines[0])}\")");
        var epochs = new List<double>();
        var values = new List<double>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != 2 || !TryParse(cells[0], out double e) || !TryParse(cells[1], out double v))
                throw new DataFileException(path, $"line {i + 1} is not two numbers epoch,value: \"{Truncate(lines[i])}\"");
            epochs.Add(e);
            values.Add(v);
        }
        if (epochs.Count == 0) throw new DataFileException(path, "the CSV has a header but no rows");
        return new LearningCurve(Path.GetFileName(path), epochs, values);
    }

    // NaN is read as NaN so that Validate names it; anything non-numeric is a format error.
    private static bool TryParse(string s, out double value) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..57] + "…";

    private static string Fmt(double v) => Findings.Number.Format(v);

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
