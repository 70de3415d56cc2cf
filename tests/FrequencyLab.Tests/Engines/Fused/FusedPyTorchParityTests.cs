using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Tests.Engines.Torch;
using FrequencyLab.Tests.TestSupport;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>
/// The fused engine against real PyTorch 1.13 (Debian's python3-torch, through scripts/torch_reference.py and the torch
/// area's <see cref="ParityLoop"/>): the same loop on the same weights and the first rows of the report's training set.
/// </summary>
/// <remarks>
/// The first rows of the blocks order (one frequency, one constant selector) are a sensitive regime: the torch area measured
/// PyTorch drifting from itself, weights nudged by one ulp, by ~1e-4 in loss within 200 rows when the clip fires every step.
/// So the short runs check the formulas with the torch area's absolute tolerances, and the 2,000-step run is held to
/// PyTorch's own sensitivity: its distance from the fused run must be of the order of its distance from itself under a
/// ±1-ulp nudge of every initial weight.
/// </remarks>
public class FusedPyTorchParityTests(ITestOutputHelper output)
{
    public static TheoryData<string, OptimizerSettings, float, float, int, int> ShortRuns => new()
    {
        // name, optimizer, lr, max grad norm, accumulate, rows
        { "Adam lr 1e-3, clip 1.0", OptimizerSettings.Report, 1e-3f, 1f, 1, 300 },
        { "Adam lr 1e-3, weight decay 1e-2, accumulate 4", new OptimizerSettings(WeightDecay: 1e-2), 1e-3f, 1f, 4, 300 },
        { "SGD Nesterov 0.9, weight decay 1e-3, lr 1e-2", new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0.9, WeightDecay: 1e-3, Nesterov: true), 1e-2f, 1f, 1, 300 },
        { "Adam, clip 0.01 fires every step", OptimizerSettings.Report, 1e-3f, 0.01f, 1, 40 },
        { "SGD momentum lr 1, clip 0.002 fires every step", new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0.9), 1f, 0.002f, 1, 40 },
    };

    [Theory]
    [MemberData(nameof(ShortRuns))]
    public void Fused_matches_PyTorch_on_the_first_rows(string name, OptimizerSettings optimizer, float lr, float maxNorm, int accumulate, int rows)
    {
        var (x, y) = ParityLoop.Rows(rows);
        var weights = ParityLoop.Weights();
        var config = new ParityConfig(optimizer, lr, maxNorm, accumulate);
        var py = ParityLoop.RunPyTorch(weights, x, y, config);
        var fused = RunFused(weights, x, y, config);

        output.WriteLine($"{name}: {rows} rows, {py.GradNorms.Length} steps, clip fired on {py.GradNorms.Count(n => n > maxNorm)}; weights moved {ParityLoop.MaxAbsDiff(weights, py.FinalWeights):E2}");
        // The torch area's bounds for TorchEngine against PyTorch on the same rows (ParityTolerances.AgainstPyTorch).
        var tolerances = ParityTolerances.AgainstPyTorch;
        Assert.True(ParityLoop.MaxAbsDiff(weights, py.FinalWeights) > 100 * tolerances.Weights * Tolerance.MaxAbs(py.FinalWeights.Select(v => (double)v)),
            "training barely moved the weights");
        ParityTolerances.AssertAll(tolerances.Measure(py, fused), output.WriteLine);
    }

    [Fact]
    public void Over_2000_clipped_steps_fused_parts_from_PyTorch_no_more_than_PyTorch_parts_from_itself()
    {
        var (x, y) = ParityLoop.Rows(2_000);
        var weights = ParityLoop.Weights();
        var nudged = (float[])weights.Clone();
        var rng = new Random(3);
        for (int i = 0; i < nudged.Length; i++) nudged[i] = rng.Next(2) == 0 ? MathF.BitIncrement(nudged[i]) : MathF.BitDecrement(nudged[i]);
        var config = new ParityConfig(OptimizerSettings.Report, 1e-3f, 0.3f);
        var py = ParityLoop.RunPyTorch(weights, x, y, config);
        var pyNudged = ParityLoop.RunPyTorch(nudged, x, y, config);
        var fused = RunFused(weights, x, y, config);

        double selfW = ParityLoop.MaxAbsDiff(py.FinalWeights, pyNudged.FinalWeights), fusedW = ParityLoop.MaxAbsDiff(py.FinalWeights, fused.FinalWeights);
        double selfLoss = ParityLoop.MaxAbsDiff(py.Losses, pyNudged.Losses), fusedLoss = ParityLoop.MaxAbsDiff(py.Losses, fused.Losses);
        output.WriteLine($"Adam lr 1e-3, clip 0.3, first 2,000 rows: clip fired on {py.GradNorms.Count(n => n > 0.3f)} steps");
        output.WriteLine($"  final weights max |Δ|: PyTorch vs PyTorch(±1 ulp) {selfW:E2}, PyTorch vs fused {fusedW:E2} (ratio {fusedW / selfW:F2})");
        output.WriteLine($"  per-step loss max |Δ|: PyTorch vs PyTorch(±1 ulp) {selfLoss:E2}, PyTorch vs fused {fusedLoss:E2} (ratio {fusedLoss / selfLoss:F2})");
        Assert.True(py.GradNorms.Count(n => n > 0.3f) >= 10, "the clip did not fire");
        Assert.True(fusedW <= 4 * selfW, $"fused parts from PyTorch by {fusedW:E2} in the weights, PyTorch from itself by {selfW:E2}");
        Assert.True(fusedLoss <= 4 * selfLoss, $"fused parts from PyTorch by {fusedLoss:E2} in the loss, PyTorch from itself by {selfLoss:E2}");
    }

    private static ParityRun RunFused(float[] weights, float[] x, float[] y, ParityConfig config)
    {
        using var engine = new FusedEngine(ParityLoop.Shape, config.Optimizer, weights);
        return ParityLoop.RunEngine(engine, x, y, config, e =>
        {
            var g = new float[ParityLoop.Shape.ParameterCount];
            ((FusedEngine)e).GetGradients(g);
            return g;
        });
    }
}
