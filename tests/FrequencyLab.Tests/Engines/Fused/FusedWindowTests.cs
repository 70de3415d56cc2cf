using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Training;
using Xunit.Abstractions;
using static FrequencyLab.Tests.Engines.Fused.FusedVersusReferenceTests;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>
/// The fused engine's truncated-BPTT window (<see cref="FusedEngine.ForwardBackwardWindow"/>) against the double-precision
/// <see cref="ReferenceLstmWindow"/>: every gradient tensor, each row's loss and the carried state, for hidden sizes that
/// exercise every SIMD path (H mod 8 = 1, 7, 0; H = 64 the 64-column path) and windows of 1, 5 and 50 rows; accumulation with
/// unstepped gradients; a one-row window against the L = 1 step; snapshots crossing engines in the middle of windowed training.
/// </summary>
public class FusedWindowTests(ITestOutputHelper output)
{
    // float32 keeps 24 bits (6e-8 relative). Over 50 steps the backward sums 50 rank-one terms per weight and carries dh, dc
    // through 50 Jacobians; measured, the rounding stays below 2e-7 of the largest gradient (H = 64, L = 50). A wrong index,
    // gate or missing path (dh through W_hhᵀ, dc through f) is O(1e-2) or more.
    private const double GradientTolerance = 2e-6;
    // The forward's h and c after 50 steps carry 50 steps of float32 rounding (dot products of H + 5 terms, a few ulps of
    // σ/tanh): measured below 2e-7.
    private const double StateTolerance = 1e-6;

    public static TheoryData<int, int> Cases
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (int h in new[] { 1, 7, 8, 16, 64 })
                foreach (int l in new[] { 1, 5, 50 })
                    data.Add(h, l);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_window_gradient_losses_and_carried_state_match_the_double_reference(int hidden, int window)
    {
        var shape = new ModelShape(5, hidden);
        var rng = new Random(1000 * hidden + window);
        var (theta, h0, c0, inputs, targets) = Problem(shape, rng, window);
        using var engine = new FusedEngine(shape, OptimizerSettings.Report, theta);
        engine.Restore(StateSnapshot(shape, theta, h0, c0));
        var losses = new float[window];
        engine.ForwardBackwardWindow(inputs, targets, losses);

        var reference = ReferenceLstmWindow.Run(shape, ToDouble(theta), ToDouble(inputs), ToDouble(targets), ToDouble(h0), ToDouble(c0));
        AssertGradientsMatch(engine, reference.Gradient, $"H={hidden} L={window}");
        var state = engine.Snapshot();
        double hDiff = MaxAbsDiff(state.TrainHidden, reference.Hidden), cDiff = MaxAbsDiff(state.TrainCell, reference.Cell);
        double lossDiff = Enumerable.Range(0, window).Max(r => Math.Abs(losses[r] - reference.Losses[r]) / Math.Max(1, reference.Losses[r]));
        output.WriteLine($"  last h max diff {hDiff:E2}, last c max diff {cDiff:E2}, loss max rel diff {lossDiff:E2}");
        Assert.True(hDiff < StateTolerance, $"last h differs by {hDiff:E2}");
        Assert.True(cDiff < StateTolerance * Math.Max(1, reference.Cell.Max(Math.Abs)), $"last c differs by {cDiff:E2}");
        Assert.True(lossDiff < StateTolerance, $"a row's loss differs by {lossDiff:E2}");

        // The norm the clip sees is the norm of what the window left: Σg² per tensor was kept right.
        double referenceNorm = Math.Sqrt(reference.Gradient.Sum(g => g * g));
        float norm = engine.OptimizerStep(0f, float.PositiveInfinity);
        Assert.True(Math.Abs(norm - referenceNorm) <= GradientTolerance * referenceNorm, $"grad norm {norm:R} vs {referenceNorm:R}");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(16)]
    public void A_window_after_an_unstepped_row_and_another_window_adds_to_their_gradients(int hidden)
    {
        var shape = new ModelShape(5, hidden);
        var rng = new Random(hidden);
        var (theta, h0, c0, inputs, targets) = Problem(shape, rng, 1 + 6 + 9);
        using var engine = new FusedEngine(shape, OptimizerSettings.Report, theta);
        engine.Restore(StateSnapshot(shape, theta, h0, c0));

        // An L = 1 row (its dL/dW_hh held factored), then windows of 6 and 9 rows, no optimizer step in between.
        engine.ForwardBackward(inputs.AsSpan(0, 5), targets[0]);
        var losses = new float[9];
        engine.ForwardBackwardWindow(inputs.AsSpan(5, 6 * 5), targets.AsSpan(1, 6), losses);
        engine.ForwardBackwardWindow(inputs.AsSpan(35, 9 * 5), targets.AsSpan(7, 9), losses);

        var sum = new double[shape.ParameterCount];
        double[] h = ToDouble(h0), c = ToDouble(c0);
        foreach (var (start, length) in new[] { (0, 1), (1, 6), (7, 9) })
        {
            var part = ReferenceLstmWindow.Run(shape, ToDouble(theta), ToDouble(inputs.AsSpan(start * 5, length * 5).ToArray()),
                ToDouble(targets.AsSpan(start, length).ToArray()), h, c);
            for (int j = 0; j < sum.Length; j++) sum[j] += part.Gradient[j];
            (h, c) = (part.Hidden, part.Cell);
        }
        AssertGradientsMatch(engine, sum, $"H={hidden} row + 6 + 9");
        double referenceNorm = Math.Sqrt(sum.Sum(g => g * g));
        float norm = engine.OptimizerStep(0f, float.PositiveInfinity);
        Assert.True(Math.Abs(norm - referenceNorm) <= GradientTolerance * referenceNorm, $"grad norm {norm:R} vs {referenceNorm:R}");
        Assert.True(MaxAbsDiff(engine.Snapshot().TrainHidden, h) < StateTolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    public void A_one_row_window_is_the_L1_step_bit_for_bit(int hidden)
    {
        var shape = new ModelShape(5, hidden);
        var rng = new Random(7 + hidden);
        var (theta, h0, c0, inputs, targets) = Problem(shape, rng, 4);
        using var single = new FusedEngine(shape, OptimizerSettings.Report, theta);
        using var windowed = new FusedEngine(shape, OptimizerSettings.Report, theta);
        single.Restore(StateSnapshot(shape, theta, h0, c0));
        windowed.Restore(StateSnapshot(shape, theta, h0, c0));
        var loss = new float[1];
        for (int r = 0; r < 4; r++)
        {
            float a = single.ForwardBackward(inputs.AsSpan(r * 5, 5), targets[r]);
            windowed.ForwardBackwardWindow(inputs.AsSpan(r * 5, 5), targets.AsSpan(r, 1), loss);
            Assert.Equal(a, loss[0]);
            var (g1, g2) = (new float[shape.ParameterCount], new float[shape.ParameterCount]);
            single.GetGradients(g1);
            windowed.GetGradients(g2);
            Assert.Equal(g1, g2);
            Assert.Equal(single.Snapshot().TrainHidden, windowed.Snapshot().TrainHidden);
            Assert.Equal(single.Snapshot().TrainCell, windowed.Snapshot().TrainCell);
            // The two sum Σg² in different orders (rank-one shortcut vs element by element): the same norm up to rounding.
            float n1 = single.OptimizerStep(1e-2f, 0.5f), n2 = windowed.OptimizerStep(1e-2f, 0.5f);
            Assert.True(Math.Abs(n1 - n2) <= 1e-6 * n1, $"row {r}: norms {n1:R} vs {n2:R}");
        }
        Assert.True(MaxAbsDiff(single.Weights(), ToDouble(windowed.Weights())) < 1e-6);
    }

    [Fact]
    public void Windows_allocate_nothing_once_the_longest_has_been_seen()
    {
        var shape = ModelShape.Report;
        using var engine = new FusedEngine(shape, OptimizerSettings.Report, ModelInitializer.PyTorchDefault(shape, 1));
        var rows = TrainingData.Generate(SignalSpec.Default with { Duration = 0.1 }, 1, RowOrder.Blocks, 400);
        var losses = new float[100];
        int[] lengths = [100, 37, 100, 1, 62, 100];
        double Run()
        {
            double sum = 0;
            foreach (int length in lengths)
                for (int start = 0; start + length <= 400; start += length)
                {
                    engine.ForwardBackwardWindow(rows.Inputs.AsSpan(start * 5, length * 5), rows.Targets.AsSpan(start, length), losses);
                    sum += losses[0] + engine.OptimizerStep(1e-3f, 1f);
                }
            return sum;
        }
        double sink = Run(); // warm-up: JIT tiers, the workspace grown to 100 steps
        long before = GC.GetAllocatedBytesForCurrentThread();
        sink += Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("torch", "fused")]
    [InlineData("fused", "torch")]
    public void A_snapshot_taken_between_windows_continues_on_the_other_engine(string from, string to)
    {
        var shape = new ModelShape(5, 16);
        var w = ModelInitializer.PyTorchDefault(shape, 5);
        var rows = TrainingData.Generate(SignalSpec.Default with { Duration = 0.1 }, 1, RowOrder.Blocks, 400);
        var losses = new float[20];
        void Windows(ITrainingEngine engine, int first, int count)
        {
            for (int k = first; k < first + count; k++)
            {
                ((IWindowedTrainingEngine)engine).ForwardBackwardWindow(rows.Inputs.AsSpan(k * 20 * 5, 20 * 5), rows.Targets.AsSpan(k * 20, 20), losses);
                engine.OptimizerStep(1e-2f, 1f);
            }
        }
        using var original = EngineFactory.Create(from, shape, OptimizerSettings.Report, w);
        Windows(original, 0, 5);
        var snapshot = original.Snapshot();
        using var continued = EngineFactory.Create(to, shape, OptimizerSettings.Report, w);
        continued.Restore(snapshot);
        Assert.Equal(snapshot.OptimizerSteps, continued.Snapshot().OptimizerSteps);
        Assert.Equal(snapshot.TrainHidden, continued.Snapshot().TrainHidden);
        Windows(original, 5, 5);
        Windows(continued, 5, 5);

        var (a, b) = (new float[shape.ParameterCount], new float[shape.ParameterCount]);
        original.GetParameters(a);
        continued.GetParameters(b);
        // Ten Adam steps of at most lr = 1e-2; the engines differ by float rounding only (summation orders, σ/tanh ulps).
        double diff = MaxAbsDiff(a, ToDouble(b));
        output.WriteLine($"{from} → {to}: parameters differ by {diff:E2} after 5 more windows");
        Assert.True(diff < 1e-4, $"parameters differ by {diff:E2}");
        Assert.True(MaxAbsDiff(original.Snapshot().TrainHidden, ToDouble(continued.Snapshot().TrainHidden)) < 1e-4);
        Assert.Equal(10, continued.Snapshot().OptimizerSteps);
    }

    private void AssertGradientsMatch(FusedEngine engine, double[] reference, string what)
    {
        var g = new float[reference.Length];
        engine.GetGradients(g);
        double scale = reference.Max(Math.Abs);
        var layout = engine.Shape.Layout;
        foreach (var t in layout.Tensors)
        {
            double diff = MaxAbsDiff(g.AsSpan(t.Offset, t.Length).ToArray(), reference.AsSpan(t.Offset, t.Length).ToArray()) / scale;
            output.WriteLine($"{what} {t.Name,-18} max diff / max |g| {diff:E2}");
            Assert.True(diff < GradientTolerance, $"{what}: {t.Name} differs by {diff:E2} of the largest gradient {scale:E2}");
        }
    }

    // Random weights of PyTorch's init scale, a non-zero carried state, inputs like the task's (a signal value and a
    // one-hot), and targets kept ≥ 0.5 from zero so each residual is not float32 cancellation.
    private static (float[] Theta, float[] H0, float[] C0, float[] Inputs, float[] Targets) Problem(ModelShape shape, Random rng, int rows)
    {
        int hidden = shape.HiddenSize;
        var theta = RandomVector(rng, shape.ParameterCount, 1.0 / Math.Sqrt(hidden));
        var h0 = RandomVector(rng, hidden, 0.9);
        var c0 = RandomVector(rng, hidden, 2.0);
        var inputs = new float[rows * 5];
        var targets = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            inputs[r * 5] = (float)(rng.NextDouble() * 2 - 1);
            inputs[r * 5 + 1 + rng.Next(4)] = 1f;
            targets[r] = (rng.Next(2) * 2 - 1) * (0.5f + (float)rng.NextDouble());
        }
        return (theta, h0, c0, inputs, targets);
    }
}
