using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>
/// The one-off speed measurement of the fused engine (run with <c>--filter FusedThroughput</c>, it is Slow): steps per second
/// for one model, for K models on 1 and 2 threads, for the TorchSharp engine and for plain PyTorch, wall and CPU time both.
/// It prints figures; what it asserts is only what must hold whatever the machine's load (no allocation, finite losses).
/// </summary>
[Trait("Category", "Slow")]
public class FusedThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure_steps_per_second()
    {
        var shape = ModelShape.Report;
        var data = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Blocks);
        var x = data.InputsAsSingle();
        var y = data.TargetsAsSingle();
        int rows = data.RowCount, w = shape.InputSize;
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");

        // One model, one epoch of 40,000 rows (after two warm-up epochs: TensorPrimitives' generic loops start as tier-0 code
        // and reach full speed only after tiered compilation has promoted them), ForwardBackward + OptimizerStep per row.
        using (var engine = new FusedEngine(shape, OptimizerSettings.Report, ModelInitializer.PyTorchDefault(shape, 1)))
        {
            Epoch(engine, x, y, rows);
            Epoch(engine, x, y, rows);
            var wall = Stopwatch.StartNew();
            double cpu0 = CpuClock.Thread();
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            double loss = Epoch(engine, x, y, rows);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
            double cpu = CpuClock.Thread() - cpu0;
            wall.Stop();
            output.WriteLine($"fused, 1 model, 1 thread: epoch of {rows} rows in {wall.Elapsed.TotalSeconds:F3} s wall ({rows / wall.Elapsed.TotalSeconds:F0} steps/s), " +
                $"{cpu:F3} s CPU ({rows / cpu:F0} steps/CPU-s, {cpu / rows * 1e6:F2} µs/step); {bytes / (double)rows:F1} bytes allocated per step; mean loss {loss:F5}");
            Assert.Equal(0, bytes);
            Assert.True(double.IsFinite(loss));
        }

        // K models over the same 10,000 rows, on 1 and on 2 workers.
        const int K = 4;
        int sub = 10_000;
        float[] xs = x[..(sub * w)], ys = y[..sub];
        foreach (int workers in new[] { 1, 2 })
        {
            using var ensemble = new FusedEnsemble(shape, OptimizerSettings.Report,
                [.. Enumerable.Range(1, K).Select(s => ModelInitializer.PyTorchDefault(shape, (ulong)s))], workers);
            var rates = Enumerable.Repeat(1e-3f, K).ToArray();
            ensemble.Train(xs[..(1000 * w)], ys[..1000], rates, 1f);
            var wall = Stopwatch.StartNew();
            double cpu0 = CpuClock.Process();
            var means = ensemble.Train(xs, ys, rates, 1f);
            double cpu = CpuClock.Process() - cpu0;
            wall.Stop();
            double steps = (double)K * sub;
            output.WriteLine($"fused ensemble, {K} models, {workers} worker(s): {steps:F0} model-steps in {wall.Elapsed.TotalSeconds:F3} s wall " +
                $"({steps / wall.Elapsed.TotalSeconds:F0} model-steps/s), {cpu:F3} s CPU ({steps / cpu:F0} model-steps/CPU-s)");
            Assert.All(means, m => Assert.True(double.IsFinite(m)));
        }

        // TorchSharp engine, both of its LSTM kernels, through the same BenchRunner as the fused engine.
        var bench = new BenchOptions(Rows: 2_000, WarmupRows: 200);
        foreach (var kernel in Enum.GetValues<TorchLstmKernel>())
        {
            using var torch = new TorchEngine(shape, OptimizerSettings.Report, ModelInitializer.PyTorchDefault(shape, 1), new TorchEngineOptions(Kernel: kernel));
            var r = BenchRunner.Measure(torch, x, y, bench);
            output.WriteLine($"torch (TorchSharp, {kernel} kernel), 1 thread: {r.StepsPerSecond:F0} steps/s wall, {r.StepsPerCpuSecond:F0} steps/CPU-s " +
                $"({r.MicrosecondsPerCpuStep:F0} µs/step), {r.AllocatedBytesPerStep:F0} managed B/step");
        }
        using (var fused = new FusedEngine(shape, OptimizerSettings.Report, ModelInitializer.PyTorchDefault(shape, 1)))
        {
            var r = BenchRunner.Measure(fused, x, y, bench with { Rows = 40_000, WarmupSeconds = 2 });
            output.WriteLine($"fused through BenchRunner after libtorch started: {r.StepsPerCpuSecond:F0} steps/CPU-s ({r.MicrosecondsPerCpuStep:F2} µs/step), " +
                $"{r.AllocatedBytesPerStep:F0} B/step, peak working set {r.PeakWorkingSetBytes / 1e6:F0} MB");
        }

        // PyTorch and the ratios against it: `freqlab bench` (scripts/bench_pytorch.py), on the same rows and weights.
    }

    private static double Epoch(ITrainingEngine engine, float[] x, float[] y, int rows)
    {
        int w = engine.Shape.InputSize;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            sum += engine.ForwardBackward(x.AsSpan(r * w, w), y[r]);
            engine.OptimizerStep(1e-3f, 1f);
        }
        return sum / rows;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }
}
