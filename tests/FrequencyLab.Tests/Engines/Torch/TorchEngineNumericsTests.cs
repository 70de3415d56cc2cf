using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Tests.Engines.Fused;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Torch;

/// <summary>
/// The torch engine's two forward paths against the double reference on identical weights, at hidden sizes that oneDNN's
/// AVX-512 no-grad LSTM got wrong (1, 2, 7, 8, 16, 33, 48) and right (64, 128) in libtorch 2.10. Nothing here compares
/// with one machine's output, so the tests mean the same on an AVX2 and an AVX-512 CPU (docs/torch-numerics.md).
/// </summary>
public sealed class TorchEngineNumericsTests(ITestOutputHelper output)
{
    // As FusedVersusReferenceTests: float32 keeps 6e-8 relative; a 133-term dot product and a few transcendental ulps stay
    // well inside 1e-5 of the values (|ŷ|, |h| < 1, |c| < 2). The AVX-512 bug was 3.4e-2 off.
    private const double ForwardTolerance = 1e-5;
    private const double GradientTolerance = 1e-5;
    // Three Adam steps at lr 1e-2 (ε 1e-4, see below) move a weight by at most 0.03: a few ulps of that.
    private const double ParameterTolerance = 2e-6;
    private const int Rows = 24;

    private static readonly (float[] Inputs, float[] Targets) Data = ParityLoop.Rows(Rows);

    public static TheoryData<int> HiddenSizes => [1, 2, 7, 8, 16, 33, 48, 64, 128];

    [Theory]
    [MemberData(nameof(HiddenSizes))]
    public void Predict_follows_the_double_reference_through_the_carried_state(int hidden)
    {
        var shape = new ModelShape(5, hidden);
        var weights = ModelInitializer.PyTorchDefault(shape, (ulong)hidden);
        using var torch = new TorchEngine(shape, OptimizerSettings.Report, weights);
        using var reference = new ReferenceEngine(shape, OptimizerSettings.Report, weights);

        var a = ParityLoop.PredictAll(torch, Data.Inputs, Rows);
        var b = ParityLoop.PredictAll(reference, Data.Inputs, Rows);
        double diff = ParityLoop.MaxAbsDiff(a, b);
        output.WriteLine($"H={hidden}: {Rows} rows of Predict, max |torch − reference| {diff:E2} (row 0: {a[0]:R} vs {b[0]:R})");
        Assert.True(diff < ForwardTolerance, $"Predict differs from the double reference by {diff:E2} at H={hidden}");
    }

    [Theory]
    [MemberData(nameof(HiddenSizes))]
    public void Both_forward_paths_stay_within_float_rounding_of_the_reference_on_a_dense_probe(int hidden)
    {
        var shape = new ModelShape(5, hidden);
        var weights = ModelInitializer.PyTorchDefault(shape, (ulong)hidden + 100);
        using var torch = new TorchEngine(shape, OptimizerSettings.Report, weights);
        var probe = ForwardProbe.For(shape);
        var training = torch.ProbeTraining(probe);
        var evaluation = torch.ProbeEvaluation(probe);
        var t = ForwardCheck.Compare(shape, weights, probe, training);
        var e = ForwardCheck.Compare(shape, weights, probe, evaluation);
        output.WriteLine($"H={hidden}: training worst {t} (ratio {t.Ratio:F3}); evaluation worst {e} (ratio {e.Ratio:F3})");
        Assert.True(t.Agrees, $"training forward: {t}");
        Assert.True(e.Agrees, $"evaluation forward: {e}");
        // Grad on against grad off: the two paths of one engine agree with each other, not only each with the reference.
        double gap = Math.Max(Math.Abs(training.Prediction - evaluation.Prediction),
            Math.Max(ParityLoop.MaxAbsDiff(training.Hidden, evaluation.Hidden), ParityLoop.MaxAbsDiff(training.Cell, evaluation.Cell)));
        output.WriteLine($"  max |training − evaluation| over ŷ, h', c': {gap:E2}");
        Assert.True(gap < ForwardTolerance, $"the autograd and no-grad forwards differ by {gap:E2} at H={hidden}");
    }

    [Theory]
    [MemberData(nameof(HiddenSizes))]
    public void Grad_on_losses_equal_no_grad_predictions_row_by_row(int hidden)
    {
        // Without an optimizer step the weights stay put, so the training state and the evaluation state walk the same
        // rows from the same zero start: ForwardBackward's loss must be Predict's squared residual at every row.
        var shape = new ModelShape(5, hidden);
        using var torch = new TorchEngine(shape, OptimizerSettings.Report, ModelInitializer.PyTorchDefault(shape, 11));
        torch.ResetEvalState();
        double worst = 0;
        for (int r = 0; r < Rows; r++)
        {
            var x = Data.Inputs.AsSpan(r * 5, 5);
            float loss = torch.ForwardBackward(x, Data.Targets[r]);
            float e = torch.Predict(x) - Data.Targets[r];
            worst = Math.Max(worst, Math.Abs(loss - e * e) / Math.Max(1, loss));
        }
        output.WriteLine($"H={hidden}: {Rows} rows, max |loss − (ŷ_eval − y)²| (relative) {worst:E2}");
        Assert.True(worst < ForwardTolerance, $"autograd losses and no-grad predictions part by {worst:E2} at H={hidden}");
    }

    [Theory]
    [MemberData(nameof(HiddenSizes))]
    public void Training_steps_follow_the_double_reference(int hidden)
    {
        var shape = new ModelShape(5, hidden);
        // Adam's ε = 1e-4, as in FusedVersusReferenceTests: with 1e-8 a gradient element that float32 rounds at ~10 %
        // relative is normalised to a full lr-sized step, which tests float32 against double rather than the engine.
        var settings = new OptimizerSettings(OptimizerKind.Adam, Epsilon: 1e-4);
        var weights = ModelInitializer.PyTorchDefault(shape, (ulong)hidden + 200);
        using var torch = new TorchEngine(shape, settings, weights);
        using var reference = new ReferenceEngine(shape, settings, weights);
        double lossDiff = 0, gradDiff = 0, normDiff = 0, paramDiff = 0;
        for (int r = 0; r < 3; r++)
        {
            var x = Data.Inputs.AsSpan(r * 5, 5);
            var state = reference.Snapshot();
            double y = ReferenceLstmStep.Run(shape, reference.Parameters, ToDouble(x), ToDouble(state.TrainHidden), ToDouble(state.TrainCell)).Prediction;
            // A residual near 0 would carry float32's rounding of ŷ into every gradient at a large relative size.
            float target = (float)(y - 0.8);
            float a = torch.ForwardBackward(x, target), b = reference.ForwardBackward(x, target);
            lossDiff = Math.Max(lossDiff, Math.Abs(a - b) / Math.Max(1, b));

            var g = new float[shape.ParameterCount];
            torch.GetGradients(g);
            foreach (var t in shape.Layout.Tensors)
            {
                var expected = reference.Gradients.Slice(t.Offset, t.Length).ToArray();
                double scale = Math.Max(1e-3, expected.Max(Math.Abs));
                gradDiff = Math.Max(gradDiff, ParityLoop.MaxAbsDiff(g[t.Offset..(t.Offset + t.Length)], Array.ConvertAll(expected, v => (float)v)) / scale);
            }
            float nt = torch.OptimizerStep(1e-2f, r == 1 ? 0.1f : float.PositiveInfinity), nr = reference.OptimizerStep(1e-2f, r == 1 ? 0.1f : float.PositiveInfinity);
            normDiff = Math.Max(normDiff, Math.Abs(nt - nr) / nr);
            paramDiff = Math.Max(paramDiff, ParityLoop.MaxAbsDiff(torch.Weights(), Array.ConvertAll(reference.Parameters.ToArray(), v => (float)v)));
        }
        var predictions = ParityLoop.MaxAbsDiff(ParityLoop.PredictAll(torch, Data.Inputs, Rows), ParityLoop.PredictAll(reference, Data.Inputs, Rows));
        output.WriteLine($"H={hidden}: 3 Adam steps; max rel loss diff {lossDiff:E2}, grad diff / max |grad| {gradDiff:E2}, " +
                         $"grad-norm rel diff {normDiff:E2}, param diff {paramDiff:E2}; Predict after training {predictions:E2}");
        Assert.True(lossDiff < ForwardTolerance, $"loss differs by {lossDiff:E2}");
        Assert.True(gradDiff < GradientTolerance, $"gradients differ by {gradDiff:E2} of their largest value");
        Assert.True(normDiff < GradientTolerance, $"grad norm differs by {normDiff:E2}");
        Assert.True(paramDiff < ParameterTolerance, $"parameters differ by {paramDiff:E2}");
        Assert.True(predictions < ForwardTolerance, $"Predict after training differs by {predictions:E2}");
    }

    private static double[] ToDouble(ReadOnlySpan<float> x)
    {
        var d = new double[x.Length];
        for (int j = 0; j < d.Length; j++) d[j] = x[j];
        return d;
    }
}
