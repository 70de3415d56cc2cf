using System.Text.RegularExpressions;
using FrequencyLab.Training;

namespace FrequencyLab.Prediction;

/// <summary>
/// The curves a <see cref="ForecastCalibration"/> is made from: every history.json below a folder of runs (train loss and
/// frozen test MSE), and synthetic curves of known shapes with correlated noise.
/// </summary>
public static partial class CurveLibrary
{
    /// <summary>
    /// Both curves (train loss, frozen test MSE) of every history.json below <paramref name="folder"/> (in ordinal path
    /// order) that has at least <paramref name="minimumEpochs"/> epochs, all finite and positive. A curve's group is its
    /// run folder relative to <paramref name="folder"/> with the seed taken out (<c>lr=1e-4_seed=2_…</c> → <c>lr=1e-4_seed=*_…</c>),
    /// so the seeds of one configuration and the two metrics of one run are held out together. A history that cannot be
    /// read is one <see cref="DataFileException"/> line.
    /// </summary>
    public static IReadOnlyList<CalibrationCurve> FromRuns(string folder, int minimumEpochs = 6)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder)) throw new DataFileException(folder, File.Exists(folder) ? "is a file, not a folder of runs" : "no such folder");
        var files = Directory.EnumerateFiles(folder, "history.json", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Order(StringComparer.Ordinal).ToList();
        var curves = new List<CalibrationCurve>();
        foreach (var file in files)
        {
            var history = HistoryJson.Read(file);
            string run = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!).Replace('\\', '/');
            string group = Seed().Replace(run, "seed$1*");
            foreach (var metric in new[] { MonitorMetric.TrainLoss, MonitorMetric.TestMse })
            {
                if (history.Epochs.Count < minimumEpochs) continue;
                var values = history.Epochs.Select(e => e.Monitored(metric)).ToArray();
                if (!values.All(v => v > 0 && double.IsFinite(v))) continue;
                curves.Add(new CalibrationCurve($"{run} · {LearningCurve.MetricName(metric)}", group, Real: true,
                    history.Epochs.Select(e => (double)e.Epoch).ToArray(), values));
                if (curves.Count > PredictionLimits.MaxCalibrationCurves)
                    throw new DataFileException(folder, $"more than {PredictionLimits.MaxCalibrationCurves:N0} learning curves below it: calibrate on a smaller folder of runs");
            }
        }
        return curves;
    }

    [GeneratedRegex(@"seed([=_-]?)\d+")]
    private static partial Regex Seed();

    /// <summary>
    /// <paramref name="perShape"/> seeded curves of each of four shapes, 30–50 epochs, with AR(1) multiplicative noise
    /// (ρ = 0.5, σ 2–6 %): a power law, an exponential, an MMF, and one that sits flat and then drops (the shape of a run
    /// that finds the signal late). Each curve is its own group.
    /// </summary>
    public static IReadOnlyList<CalibrationCurve> Synthetic(int perShape, int seed = 0)
    {
        var random = new Random(seed);
        var curves = new List<CalibrationCurve>();
        for (int i = 0; i < perShape; i++)
        {
            foreach (var (shape, curve) in new (string, Func<double, double>)[]
                     {
                         ("pow3", t => 0.01 + 0.4 * Math.Pow(t, -0.8)),
                         ("exp3", t => 0.02 + Math.Exp(-0.12 * t - 0.9)),
                         ("mmf", t => 0.015 + 0.4 / (1 + Math.Pow(0.2 * t, 1.3))),
                         ("flat then drop", t => 0.05 + 0.45 / (1 + Math.Exp((t - 15) / 2.5))),
                     })
            {
                int epochs = 30 + random.Next(21);
                double sigma = 0.02 + 0.04 * random.NextDouble(), noise = 0;
                var values = new double[epochs];
                for (int e = 1; e <= epochs; e++)
                {
                    // AR(1) with stationary variance σ²: a real curve's deviations persist from one epoch to the next.
                    noise = 0.5 * noise + Math.Sqrt(1 - 0.25) * sigma * Gaussian(random);
                    values[e - 1] = curve(e) * Math.Exp(noise);
                }
                string name = $"synthetic {shape} {i}";
                curves.Add(new CalibrationCurve(name, name, Real: false, Enumerable.Range(1, epochs).Select(e => (double)e).ToArray(), values));
            }
        }
        return curves;
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
