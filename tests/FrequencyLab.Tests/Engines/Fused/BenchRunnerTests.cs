using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>What the bench reports, on a short run: the counts and costs it must get right whatever the machine's speed.</summary>
public class BenchRunnerTests(ITestOutputHelper output)
{
    private static (float[] X, float[] Y) Rows(int count)
    {
        var data = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Blocks);
        return (data.InputsAsSingle()[..(count * data.InputWidth)], data.TargetsAsSingle()[..count]);
    }

    [Fact]
    public void Measures_each_engine_on_the_same_rows()
    {
        var shape = ModelShape.Report;
        var (x, y) = Rows(300);
        // Speed is not asserted, so a short warm-up will do.
        var options = new BenchOptions(Rows: 500, WarmupRows: 100, WarmupSeconds: 0.05);
        var weights = ModelInitializer.PyTorchDefault(shape, 1);
        using var fused = new FusedEngine(shape, OptimizerSettings.Report, weights);
        using var torch = new TorchEngine(shape, OptimizerSettings.Report, weights);
        using var ensemble = new FusedEnsemble(shape, OptimizerSettings.Report, [weights, ModelInitializer.PyTorchDefault(shape, 2)], 2);
        var results = new[]
        {
            BenchRunner.Measure(fused, x, y, options),
            BenchRunner.Measure(torch, x, y, options),
            BenchRunner.MeasureEnsemble(ensemble, x, y, options),
        };
        foreach (var r in results)
            output.WriteLine($"{r.Engine,-8} models {r.Models} workers {r.Workers}: {r.ModelSteps} steps, {r.StepsPerSecond:F0} steps/s wall, " +
                $"{r.StepsPerCpuSecond:F0} steps/CPU-s, {r.AllocatedBytesPerStep:F0} B/step, peak working set {r.PeakWorkingSetBytes / 1e6:F0} MB");

        Assert.Equal(["fused", "torch", "fused×2"], results.Select(r => r.Engine));
        Assert.Equal([500L, 500L, 1000L], results.Select(r => r.ModelSteps));
        Assert.All(results, r => Assert.True(r.WallSeconds > 0 && r.CpuSeconds > 0 && r.PeakWorkingSetBytes > 0));
        Assert.Equal(0, results[0].AllocatedBytesPerStep);
        Assert.True(results[1].AllocatedBytesPerStep > 0, "TorchSharp allocates tensor wrappers every step");
        // The warm-up is undone (snapshot, restore): the engine ends exactly 500 steps on from where it started.
        Assert.Equal(500, fused.OptimizerSteps);
        using var straight = new FusedEngine(shape, OptimizerSettings.Report, weights);
        for (int r = 0; r < 500; r++) { straight.ForwardBackward(x.AsSpan(r % 300 * 5, 5), y[r % 300]); straight.OptimizerStep(1e-3f, 1f); }
        Assert.Equal(straight.Weights(), fused.Weights());
        Assert.Equal(straight.Weights(), ensemble.Members[0].Weights());
    }

    [Fact]
    public void Bad_options_and_rows_are_rejected_in_one_line()
    {
        var shape = new ModelShape(5, 4);
        using var fused = new FusedEngine(shape, OptimizerSettings.Report, ModelInitializer.PyTorchDefault(shape, 1));
        var (x, y) = Rows(10);
        var e1 = Assert.Throws<InvalidSpecException>(() => BenchRunner.Measure(fused, x, y, new BenchOptions(Rows: 0)));
        var e2 = Assert.Throws<InvalidSpecException>(() => BenchRunner.Measure(fused, x[..12], y, new BenchOptions()));
        var e3 = Assert.Throws<InvalidSpecException>(() => BenchRunner.Measure(fused, [], [], new BenchOptions()));
        Assert.All(new[] { e1, e2, e3 }, e => Assert.DoesNotContain('\n', e.Message));
    }
}
