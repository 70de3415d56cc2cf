using System.Globalization;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Engines.Torch;

/// <summary>One L=1 run's configuration: what both the engine and scripts/torch_reference.py are given.</summary>
internal sealed record ParityConfig(OptimizerSettings Optimizer, float LearningRate = 1e-3f, float MaxGradNorm = 1f, int Accumulate = 1);

/// <summary>Everything one run records (the files scripts/torch_reference.py writes).</summary>
internal sealed record ParityRun(float[] Losses, float[] GradNorms, float[] GradsStep1, float[] FinalWeights, float[] PredictionsInitial, float[] Predictions)
{
    public string Summary { get; init; } = "";
}

/// <summary>
/// How closely two float32 implementations of the same L=1 loop must agree: for each quantity a normwise relative bound,
/// |Δᵢ| ≤ r·max|reference| over that quantity's whole run (<see cref="Tolerance.Normwise(double, IEnumerable{float})"/>).
/// Normwise because the rounding that separates two libtorch builds or two engines happens in dot products (BLAS/oneDNN
/// blocking, SIMD widths: error relative to Σ|terms|, the tensor's scale) and in sigmoid/tanh kernels picked per CPU; and
/// 300 recurrent steps carry it forward. Elements that cross zero (weights, gradients, residual losses) have no relative
/// error of their own. No ulp count can be derived through a recurrence, so each r is the measured worst with headroom.
/// </summary>
internal sealed record ParityTolerances(double Loss, double GradNorm, double Gradients, double Weights, double Predictions)
{
    /// <summary>
    /// TorchEngine (libtorch 2.10) or the fused engine against Debian's PyTorch 1.13 on the first 300 rows (40 when the clip
    /// fires every step). Measured worst over every case, both TorchEngine kernels and the fused engine, on this AVX-512
    /// machine (2026-12-04, printed by the tests): loss 3.2e-5, gradient norm 1.8e-4 (SGD at lr 1 with the clip firing:
    /// the most sensitive case), step-1 gradients 1.7e-7 (one forward/backward from identical weights: ≈ 3 float32 unit
    /// roundoffs), final weights 4.3e-5, predictions 7e-7 with the initial weights and 4.1e-5 with the final ones. Each
    /// bound is 4.5–6× its measurement (the step-1 gradients: 16 float32 unit roundoffs). Formula errors land far outside:
    /// dropping Adam's bias correction, or AdamW-style decay instead of Adam's L2, changes the final weights by ~0.2
    /// (relative ~1); PyTorch against itself with every initial weight moved by one ulp drifts by 7e-7 in the final weights
    /// of the 300-row Adam run (3e-6 relative), so the engines agree with PyTorch about as well as PyTorch with itself.
    /// </summary>
    public static readonly ParityTolerances AgainstPyTorch = new(Loss: 2e-4, GradNorm: 1e-3, Gradients: 16 * Ulps.SingleUnitRoundoff,
        Weights: 2e-4, Predictions: 2e-4);

    /// <summary>Every quantity of a <see cref="ParityRun"/>, measured against the reference (not asserted).</summary>
    public IReadOnlyList<Agreement> Measure(ParityRun reference, ParityRun actual) =>
    [
        NumericAssert.Measure(reference.Losses, actual.Losses, Tolerance.Normwise(Loss, reference.Losses), "per-row loss"),
        NumericAssert.Measure(reference.GradNorms, actual.GradNorms, Tolerance.Normwise(GradNorm, reference.GradNorms), "pre-clip gradient norm"),
        NumericAssert.Measure(reference.GradsStep1, actual.GradsStep1, Tolerance.Normwise(Gradients, reference.GradsStep1), "step-1 gradients"),
        NumericAssert.Measure(reference.FinalWeights, actual.FinalWeights, Tolerance.Normwise(Weights, reference.FinalWeights), "final weights"),
        NumericAssert.Measure(reference.PredictionsInitial, actual.PredictionsInitial, Tolerance.Normwise(Predictions, reference.PredictionsInitial), "predictions, initial weights"),
        NumericAssert.Measure(reference.Predictions, actual.Predictions, Tolerance.Normwise(Predictions, reference.Predictions), "predictions, final weights"),
    ];

    /// <summary>Prints every agreement (the measured headroom), then fails naming each quantity outside its bound.</summary>
    public static void AssertAll(IReadOnlyList<Agreement> found, Action<string> print)
    {
        foreach (var a in found) print($"  {a.What}: worst {a.AbsDiff:E2} at [{a.WorstIndex}], {a.Ratio:F3} of the bound ({a.Tolerance})");
        var outside = found.Where(a => !a.Holds).ToArray();
        if (outside.Length > 0) Assert.Fail(string.Join("\n", outside.Select(a => a.ToString())));
    }
}

/// <summary>The same loop run by TorchEngine and by real PyTorch on identical weights and rows.</summary>
internal static class ParityLoop
{
    public static readonly ModelShape Shape = ModelShape.Report;

    /// <summary>The first <paramref name="rows"/> rows of the report's training set (seed 1, blocks order).</summary>
    public static (float[] Inputs, float[] Targets) Rows(int rows)
    {
        var data = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Blocks);
        return (data.InputsAsSingle()[..(rows * data.InputWidth)], data.TargetsAsSingle()[..rows]);
    }

    public static float[] Weights(ulong seed = 7) => ModelInitializer.PyTorchDefault(Shape, seed);

    /// <summary>The loop of ITrainingEngine's remarks, driven through <paramref name="engine"/>.</summary>
    public static ParityRun RunEngine(ITrainingEngine engine, float[] inputs, float[] targets, ParityConfig config, Func<ITrainingEngine, float[]>? gradients = null)
    {
        int width = engine.Shape.InputSize, rows = targets.Length, k = config.Accumulate;
        var losses = new float[rows];
        var norms = new List<float>();
        float[]? grads1 = null;
        var initial = PredictAll(engine, inputs, rows);
        for (int r = 0; r < rows; r++)
        {
            losses[r] = engine.ForwardBackward(inputs.AsSpan(r * width, width), targets[r], k == 1 ? 1f : 1f / k);
            if ((r + 1) % k != 0) continue;
            grads1 ??= gradients?.Invoke(engine) ?? [];
            norms.Add(engine.OptimizerStep(config.LearningRate, config.MaxGradNorm));
        }
        var weights = new float[engine.Shape.ParameterCount];
        engine.GetParameters(weights);
        return new ParityRun(losses, [.. norms], grads1 ?? [], weights, initial, PredictAll(engine, inputs, rows));
    }

    public static float[] PredictAll(ITrainingEngine engine, float[] inputs, int rows)
    {
        int width = engine.Shape.InputSize;
        engine.ResetEvalState();
        var y = new float[rows];
        for (int r = 0; r < rows; r++) y[r] = engine.Predict(inputs.AsSpan(r * width, width));
        return y;
    }

    public static ParityRun RunTorchEngine(float[] weights, float[] inputs, float[] targets, ParityConfig config, TorchEngineOptions? options = null)
    {
        using var engine = new TorchEngine(Shape, config.Optimizer, weights, options);
        return RunEngine(engine, inputs, targets, config, e =>
        {
            var g = new float[Shape.ParameterCount];
            ((TorchEngine)e).GetGradients(g);
            return g;
        });
    }

    /// <summary>Runs scripts/torch_reference.py with Debian's python3-torch.</summary>
    public static ParityRun RunPyTorch(float[] weights, float[] inputs, float[] targets, ParityConfig config)
    {
        using var dir = new TempDir();
        WriteF32(dir.File("w.f32"), weights);
        WriteF32(dir.File("x.f32"), inputs);
        WriteF32(dir.File("y.f32"), targets);
        var o = config.Optimizer;
        string F(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("R", CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "--weights", dir.File("w.f32"), "--inputs", dir.File("x.f32"), "--targets", dir.File("y.f32"),
            "--input-size", Shape.InputSize.ToString(CultureInfo.InvariantCulture), "--hidden", Shape.HiddenSize.ToString(CultureInfo.InvariantCulture),
            "--optimizer", o.Kind == OptimizerKind.Adam ? "adam" : "sgd",
            // The engine receives the rate as float32; the reference gets the same number.
            "--lr", F(config.LearningRate), "--beta1", F(o.Beta1), "--beta2", F(o.Beta2), "--eps", F(o.Epsilon),
            "--momentum", F(o.Momentum), "--weight-decay", F(o.WeightDecay), "--max-grad-norm", F(config.MaxGradNorm),
            "--accumulate", config.Accumulate.ToString(CultureInfo.InvariantCulture), "--out", dir.File("out"),
        };
        if (o.Nesterov) args.Add("--nesterov");
        var summary = Python.Run(RepoPaths.Combine("scripts", "torch_reference.py"), [.. args]).Trim();
        float[] Read(string name) => ReadF32(Path.Combine(dir.File("out"), name));
        return new ParityRun(Read("losses.f32"), Read("grad_norms.f32"), Read("grads_step1.f32"), Read("final_weights.f32"),
            Read("predictions_initial.f32"), Read("predictions.f32")) { Summary = summary };
    }

    public static void WriteF32(string path, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length); // little-endian machine, like the files
        File.WriteAllBytes(path, bytes);
    }

    public static float[] ReadF32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    public static double MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs((double)a[i] - b[i]));
        return m;
    }
}
