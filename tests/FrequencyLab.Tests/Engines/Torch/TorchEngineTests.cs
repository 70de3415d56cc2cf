using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Torch;

public sealed class TorchEngineTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TorchLstmKernel.Lstm)]
    [InlineData(TorchLstmKernel.LstmCell)]
    public void Module_parameters_map_one_to_one_onto_the_flat_layout(TorchLstmKernel kernel)
    {
        var shape = ModelShape.Report;
        Assert.Equal(18_241, shape.ParameterCount);
        var weights = ModelInitializer.PyTorchDefault(shape, 3);
        using var engine = new TorchEngine(shape, OptimizerSettings.Report, weights, new TorchEngineOptions(Kernel: kernel));
        var module = engine.ModuleParameters;
        output.WriteLine(string.Join(", ", module.Select(m => $"{m.Name} [{string.Join("x", m.Shape)}]")));
        // nn.LSTMCell names its tensors without the layer suffix: weight_ih for weight_ih_l0.
        var expectedNames = shape.Layout.Tensors.Select(t => kernel == TorchLstmKernel.Lstm ? t.Name : t.Name.Replace("_l0", ""));
        Assert.Equal(expectedNames, module.Select(m => m.Name));
        Assert.Equal(shape.Layout.Tensors.Select(t => t.Shape.Select(d => (long)d)), module.Select(m => m.Shape.AsEnumerable()));
        Assert.Equal(shape.ParameterCount, module.Sum(m => m.Shape.Aggregate(1L, (a, b) => a * b)));
        var back = new float[shape.ParameterCount];
        engine.GetParameters(back);
        Assert.Equal(weights, back);
    }

    [Fact]
    public void Snapshot_and_restore_continue_identically()
    {
        foreach (var optimizer in new[] { OptimizerSettings.Report, new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0.9, WeightDecay: 1e-3) })
        {
            var (x, y) = ParityLoop.Rows(120);
            var weights = ParityLoop.Weights();
            var config = new ParityConfig(optimizer, 1e-3f);
            var straight = ParityLoop.RunTorchEngine(weights, x, y, config);

            using var first = new TorchEngine(ModelShape.Report, optimizer, weights);
            var firstHalf = ParityLoop.RunEngine(first, x[..(60 * 5)], y[..60], config);
            var snapshot = first.Snapshot();
            Assert.Equal(60, snapshot.OptimizerSteps);
            Assert.Contains(snapshot.FirstMoment, v => v != 0);
            Assert.Equal(optimizer.Kind == OptimizerKind.Adam, snapshot.SecondMoment.Any(v => v != 0));
            Assert.Contains(snapshot.TrainHidden, v => v != 0);

            // A fresh engine with unrelated weights, restored, then fed the second half.
            using var second = new TorchEngine(ModelShape.Report, optimizer, ParityLoop.Weights(99));
            second.Restore(snapshot);
            Assert.Equal(snapshot, second.Snapshot(), SnapshotComparer.Instance);
            var secondHalf = ParityLoop.RunEngine(second, x[(60 * 5)..], y[60..], config);

            Assert.Equal(straight.Losses, firstHalf.Losses.Concat(secondHalf.Losses).ToArray());
            Assert.Equal(straight.GradNorms, firstHalf.GradNorms.Concat(secondHalf.GradNorms).ToArray());
            Assert.Equal(straight.FinalWeights, secondHalf.FinalWeights);
            output.WriteLine($"{optimizer.Kind}: 60 + 60 rows after restore equal 120 straight rows bit for bit");
        }
    }

    [Fact]
    public void Snapshot_moves_between_kernels()
    {
        var (x, y) = ParityLoop.Rows(80);
        var config = new ParityConfig(OptimizerSettings.Report);
        using var module = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, ParityLoop.Weights());
        ParityLoop.RunEngine(module, x[..(40 * 5)], y[..40], config);
        var snapshot = module.Snapshot();
        using var cell = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, ParityLoop.Weights(5), new TorchEngineOptions(Kernel: TorchLstmKernel.LstmCell));
        cell.Restore(snapshot);
        var a = ParityLoop.RunEngine(module, x[(40 * 5)..], y[40..], config);
        var b = ParityLoop.RunEngine(cell, x[(40 * 5)..], y[40..], config);
        double gap = ParityLoop.MaxAbsDiff(a.FinalWeights, b.FinalWeights);
        output.WriteLine($"40 more rows on nn.LSTM vs nn.LSTMCell after one snapshot: max |Δw| {gap:E2}, max |Δ loss| {ParityLoop.MaxAbsDiff(a.Losses, b.Losses):E2}");
        Assert.InRange(gap, 0, 1e-6);
    }

    [Fact]
    public void Reset_optimizer_state_forgets_moments_and_step_count()
    {
        var (x, y) = ParityLoop.Rows(20);
        using var engine = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, ParityLoop.Weights());
        ParityLoop.RunEngine(engine, x, y, new ParityConfig(OptimizerSettings.Report));
        engine.ResetOptimizerState();
        var s = engine.Snapshot();
        Assert.Equal(0, s.OptimizerSteps);
        Assert.All(s.FirstMoment, v => Assert.Equal(0f, v));
        Assert.All(s.SecondMoment, v => Assert.Equal(0f, v));

        // Equivalent to a fresh engine on the current weights and carried state.
        using var fresh = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, s.Parameters);
        fresh.Restore(s);
        float a = engine.ForwardBackward(x.AsSpan(0, 5), y[0]), b = fresh.ForwardBackward(x.AsSpan(0, 5), y[0]);
        Assert.Equal(a, b);
        Assert.Equal(engine.OptimizerStep(1e-3f, 1f), fresh.OptimizerStep(1e-3f, 1f));
        var w1 = new float[s.Parameters.Length]; var w2 = new float[s.Parameters.Length];
        engine.GetParameters(w1); fresh.GetParameters(w2);
        Assert.Equal(w1, w2);
    }

    [Fact]
    public void Eval_state_is_separate_from_training_state()
    {
        var (x, y) = ParityLoop.Rows(10);
        using var engine = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, ParityLoop.Weights());
        engine.ForwardBackward(x.AsSpan(0, 5), y[0]);
        var before = engine.Snapshot();
        var p1 = ParityLoop.PredictAll(engine, x, 10);
        var p2 = ParityLoop.PredictAll(engine, x, 10);
        Assert.Equal(p1, p2);
        Assert.Equal(before.TrainHidden, engine.Snapshot().TrainHidden);
        engine.ResetTrainState();
        Assert.All(engine.Snapshot().TrainCell, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Mismatched_snapshot_is_rejected_with_one_line()
    {
        using var engine = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, ParityLoop.Weights());
        var other = EngineSnapshot.Fresh(new ModelShape(5, 8), OptimizerSettings.Report, new float[new ModelShape(5, 8).ParameterCount]);
        var e = Assert.Throws<InvalidSpecException>(() => engine.Restore(other));
        Assert.DoesNotContain('\n', e.Message);
    }

    private sealed class SnapshotComparer : IEqualityComparer<EngineSnapshot>
    {
        public static readonly SnapshotComparer Instance = new();
        public bool Equals(EngineSnapshot? a, EngineSnapshot? b) =>
            a is not null && b is not null && a.Shape == b.Shape && a.Optimizer == b.Optimizer && a.OptimizerSteps == b.OptimizerSteps
            && a.Parameters.SequenceEqual(b.Parameters) && a.FirstMoment.SequenceEqual(b.FirstMoment)
            && a.SecondMoment.SequenceEqual(b.SecondMoment) && a.TrainHidden.SequenceEqual(b.TrainHidden) && a.TrainCell.SequenceEqual(b.TrainCell);
        public int GetHashCode(EngineSnapshot s) => s.OptimizerSteps.GetHashCode();
    }
}
