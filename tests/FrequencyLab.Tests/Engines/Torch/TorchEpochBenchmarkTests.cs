using System.Diagnostics;
using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Torch;

/// <summary>
/// One full epoch (40,000 L=1 steps, the report's setup: Adam 1e-3, clip 1.0, state carried through the epoch) on TorchEngine
/// and on PyTorch in the same run, printing steps/s for each. No timing assertion: the figures are for the report.
/// It does assert what a long run exposes: memory stays flat (every step's tensors are disposed) and the losses stay finite.
/// </summary>
public sealed class TorchEpochBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void One_epoch_on_TorchEngine_and_PyTorch()
    {
        var data = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Blocks);
        float[] x = data.InputsAsSingle(), y = data.TargetsAsSingle();
        int rows = data.RowCount, width = data.InputWidth;
        var weights = ModelInitializer.PyTorchDefault(ModelShape.Report, 1);
        var reference = ParityLoop.RunPyTorch(weights, x, y, new ParityConfig(OptimizerSettings.Report, 1e-3f, 1f));
        using var summary = JsonDocument.Parse(reference.Summary);
        double pyRate = summary.RootElement.GetProperty("rows_per_second").GetDouble();
        output.WriteLine($"PyTorch {summary.RootElement.GetProperty("torch").GetString()} (python3, 1 thread): {rows} steps in {summary.RootElement.GetProperty("seconds").GetDouble():F1} s = {pyRate:F0} steps/s; epoch mean loss {reference.Losses.Average(v => (double)v):G6}");

        foreach (var kernel in Enum.GetValues<TorchLstmKernel>())
        {
            var losses = new float[rows];
            using var engine = new TorchEngine(ModelShape.Report, OptimizerSettings.Report, weights, new TorchEngineOptions(Kernel: kernel));
            long memoryAtQuarter = 0;
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < rows; r++)
            {
                losses[r] = engine.ForwardBackward(x.AsSpan(r * width, width), y[r]);
                engine.OptimizerStep(1e-3f, 1f);
                if (r == rows / 4) memoryAtQuarter = Process.GetCurrentProcess().WorkingSet64;
            }
            clock.Stop();
            long memoryAtEnd = Process.GetCurrentProcess().WorkingSet64;
            output.WriteLine($"TorchEngine {kernel} (TorchSharp 0.107.0, libtorch 2.10, 1 thread): {rows} steps in {clock.Elapsed.TotalSeconds:F1} s = {rows / clock.Elapsed.TotalSeconds:F0} steps/s; " +
                             $"epoch mean loss {losses.Average(v => (double)v):G6}; max |Δ loss| vs PyTorch {ParityLoop.MaxAbsDiff(losses, reference.Losses):E2}");
            output.WriteLine($"  working set after 10,000 steps {memoryAtQuarter / 1e6:F0} MB, after 40,000 {memoryAtEnd / 1e6:F0} MB");

            Assert.All(losses, v => Assert.True(float.IsFinite(v)));
            Assert.True(memoryAtEnd - memoryAtQuarter < 64_000_000, $"working set grew {(memoryAtEnd - memoryAtQuarter) / 1e6:F0} MB over 30,000 steps");
        }
    }
}
