using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>How much averaging n rows' gradients reduces their variance, measured at fixed weights.</summary>
/// <param name="InitSeed">The weights' init seed.</param>
/// <param name="Window">n, the rows averaged per window.</param>
/// <param name="Windows">Complete windows measured.</param>
/// <param name="SingleRowVariance">tr Var(g) over single rows: E‖g‖² − ‖ḡ‖².</param>
/// <param name="WindowMeanVariance">tr Var of the n-row mean gradient: E‖ḡ_n‖² − ‖ḡ‖².</param>
/// <param name="Ratio">SingleRowVariance / WindowMeanVariance (n for independent rows; the report says √n).</param>
/// <param name="Exponent">a with Ratio = n^a (1 for independent rows; the report's √ is 0.5).</param>
public sealed record GradientVarianceResult(ulong InitSeed, int Window, int Windows, double SingleRowVariance, double WindowMeanVariance, double Ratio, double Exponent);

/// <summary>
/// Measures per-row gradients of the untrained model along the training rows (state carried, reset once at the start, as
/// in the report's epoch) without moving the weights: each optimizer step runs at learning rate 0 and returns the
/// pre-clip gradient norm. Three passes: single rows, means of n consecutive rows, and the mean over all measured rows.
/// </summary>
public static class GradientVarianceProbe
{
    public static GradientVarianceResult Measure(TrainingConfig config, TrainingRows rows, int window)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rows);
        if (window < 2) throw new ArgumentOutOfRangeException(nameof(window), "a window averages at least 2 rows");
        int windows = rows.Count / window, used = windows * window;
        if (windows < 2) throw new InvalidSpecException($"gradient variance: {rows.Count} rows hold fewer than two windows of {window}");
        using var engine = EngineFactory.Create(config.Engine, config.Shape, config.Optimizer, ModelInitializer.PyTorchDefault(config.Shape, config.InitSeed));

        double SquaredNorm(int from, int count)
        {
            float scale = 1f / count;
            for (int r = from; r < from + count; r++) engine.ForwardBackward(rows.Input(r), rows.Targets[r], scale);
            double norm = engine.OptimizerStep(0f, float.PositiveInfinity); // lr 0: the weights stay where they are
            return norm * norm;
        }

        engine.ResetTrainState();
        double single = 0;
        for (int r = 0; r < used; r++) single += SquaredNorm(r, 1);
        single /= used;
        engine.ResetTrainState();
        double means = 0;
        for (int w = 0; w < windows; w++) means += SquaredNorm(w * window, window);
        means /= windows;
        engine.ResetTrainState();
        double overall = SquaredNorm(0, used);

        double varSingle = single - overall, varMean = means - overall;
        double ratio = varMean > 0 && varSingle > 0 ? varSingle / varMean : double.NaN;
        return new GradientVarianceResult(config.InitSeed, window, windows, varSingle, varMean, ratio, Math.Log(ratio) / Math.Log(window));
    }
}
