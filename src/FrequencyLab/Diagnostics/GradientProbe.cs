using FrequencyLab.Data;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>
/// Per-row gradients at FIXED weights, to put numbers on the report's variance arithmetic (§10.2–10.3): the distribution
/// of the per-row gradient norm, how often the clip at 1.0 bites, the per-row gradient variance, and how much averaging
/// B consecutive rows (accumulation, or a batch) reduces it.
/// </summary>
/// <remarks>
/// The weights are the config's initial ones, or those after <c>warmEpochs</c> of ordinary training. The rows are then
/// passed once in order with the carried training state (reset by the config's policy) and, per row:
/// <code>
/// loss = ForwardBackward(x, y); g = GetGradients(); DiscardGradients()   — returns ‖g‖ and zeroes g; θ stays as it is
/// </code>
/// Fused engine only (it exposes the gradients).
/// </remarks>
public static class GradientProbe
{
    /// <summary>Window sizes measured by default: the report's accumulation (10), 100, and its 32 × 100 batch (3,200).</summary>
    public static IReadOnlyList<int> DefaultWindows { get; } = [10, 100, 3200];

    public static GradientStatistics Measure(TrainingConfig config, int warmEpochs = 0, IReadOnlyList<int>? windows = null, TrainingData? data = null,
        string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config = config.Validate();
        if (warmEpochs < 0) throw new InvalidSpecException($"invalid gradient probe: warm-up epochs {warmEpochs} must not be negative");
        windows ??= DefaultWindows;
        if (windows.Any(w => w < 2)) throw new InvalidSpecException("invalid gradient probe: window sizes must be at least 2 rows");
        data ??= TrainingData.Load(config.Data);
        var weights = ModelInitializer.PyTorchDefault(config.Shape, config.InitSeed);
        if (warmEpochs > 0)
        {
            // Ordinary training to reach the weights, then their values are read back.
            FusedEngine? trained = null;
            var trainer = new StatefulTrainer(config with { Engine = FusedEngine.EngineName, Epochs = warmEpochs, EarlyStopping = null }, data,
                (c, w) => trained = new FusedEngine(c.Shape, c.Optimizer, w));
            trainer.Run(null, cancellationToken);
            // The trainer disposed the engine; its buffers are plain arrays and stay readable.
            trained!.GetParameters(weights);
        }
        using var engine = new FusedEngine(config.Shape, config.Optimizer, weights);
        var rows = data.Train;
        int n = rows.Count, p = config.Shape.ParameterCount;
        var g = new float[p];
        var sum = new double[p];
        double sumSquares = 0, lossSum = 0;
        var norms = new double[n];
        var win = windows.Select(w => new WindowAccumulator(w, p)).ToArray();
        engine.ResetTrainState();
        var freq = rows.FrequencyIndex;
        for (int row = 0; row < n; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (config.Reset == ResetPolicy.Stateless || (config.Reset == ResetPolicy.PerBlock && row > 0 && freq[row] != freq[row - 1]))
                engine.ResetTrainState();
            lossSum += engine.ForwardBackward(rows.Input(row), rows.Targets[row]);
            engine.GetGradients(g);
            norms[row] = engine.DiscardGradients();
            sumSquares += WidenedSums.AddAndSumSquares(g, sum);
            foreach (var w in win) w.Add(g);
        }
        double meanNormSq = 0;
        for (int i = 0; i < p; i++) meanNormSq += (sum[i] / n) * (sum[i] / n);
        double rowVariance = n > 1 ? (sumSquares - n * meanNormSq) / (n - 1) : double.NaN;
        var sorted = norms.OrderBy(v => v).ToArray();
        double[] probabilities = [0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0];
        float clip = (float)config.MaxGradNorm;
        double clipRate = norms.Count(v => clip / ((float)v + 1e-6f) < 1f) / (double)n;
        return new GradientStatistics(
            description ?? $"init seed {config.InitSeed}{(warmEpochs > 0 ? $" after {warmEpochs} epoch(s) at lr {config.LearningRate}" : ", untrained")}, {config.Data.Spec.Noise} noise, {DataNames.Of(config.Data.Order)} order",
            n, p, probabilities.Select(q => new NormQuantile(q, Quantile(sorted, q))).ToList(), norms.Average(), clipRate, config.MaxGradNorm,
            Math.Sqrt(meanNormSq), rowVariance, lossSum / n,
            win.Select(w => w.Result(rowVariance)).ToList());
    }

    /// <summary>Linear-interpolation quantile (numpy's default).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private sealed class WindowAccumulator(int size, int p)
    {
        private readonly double[] _current = new double[p], _sumOfMeans = new double[p];
        private int _filled, _windows;
        private double _sumOfSquaredMeans;

        public void Add(float[] g)
        {
            WidenedSums.Add(g, _current);
            if (++_filled < size) return;
            double sq = 0;
            for (int i = 0; i < p; i++)
            {
                double m = _current[i] / size;
                _sumOfMeans[i] += m;
                sq += m * m;
                _current[i] = 0;
            }
            _sumOfSquaredMeans += sq;
            _filled = 0;
            _windows++;
        }

        public WindowVariance Result(double rowVariance)
        {
            if (_windows < 2) return new WindowVariance(size, _windows, double.NaN, double.NaN);
            double centre = 0;
            for (int i = 0; i < p; i++) centre += (_sumOfMeans[i] / _windows) * (_sumOfMeans[i] / _windows);
            double variance = (_sumOfSquaredMeans - _windows * centre) / (_windows - 1);
            return new WindowVariance(size, _windows, variance, rowVariance / variance);
        }
    }
}
