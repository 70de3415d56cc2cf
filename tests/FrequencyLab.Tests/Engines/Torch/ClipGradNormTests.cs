using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Torch;

/// <summary>
/// OptimizerStep's clipping, checked against the formula itself: with plain SGD at lr 1 the update is exactly the clipped
/// gradient, so Δw = min(1, max/(‖g‖ + 1e-6))·g. Gradients are scaled down (lossScale) until ‖g‖ is a few 1e-6, where the
/// +1e-6 changes the coefficient by tens of percent: a clip without it, or one that clips at ‖g‖ ≤ max, fails here.
/// </summary>
public sealed class ClipGradNormTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2e-6f, 1e-6f)]   // ‖g‖ ≈ 4.6e-6 > max: clips, and the +1e-6 moves the coefficient by ~20 %
    [InlineData(1f, 0.05f)]       // ordinary clip
    [InlineData(1f, 1e3f)]        // ‖g‖ < max: untouched
    [InlineData(1f, float.PositiveInfinity)]
    public void Step_applies_PyTorch_clip_coefficient(float lossScale, float maxNorm)
    {
        var shape = ModelShape.Report;
        var (x, y) = ParityLoop.Rows(400);
        var weights = ParityLoop.Weights();
        using var engine = new TorchEngine(shape, new OptimizerSettings(OptimizerKind.Sgd, Momentum: 0), weights);
        // Row 300 of block 1 has a target far from 0, so the gradient is not tiny before scaling.
        for (int r = 0; r < 300; r++) engine.ForwardBackward(x.AsSpan(r * 5, 5), y[r], 0f);
        engine.OptimizerStep(0f, float.PositiveInfinity);
        engine.ForwardBackward(x.AsSpan(300 * 5, 5), y[300], lossScale);

        var g = new float[shape.ParameterCount];
        engine.GetGradients(g);
        var before = new float[shape.ParameterCount];
        engine.GetParameters(before);
        double norm = Math.Sqrt(g.Sum(v => (double)v * v));
        float returned = engine.OptimizerStep(1f, maxNorm);
        var after = new float[shape.ParameterCount];
        engine.GetParameters(after);

        double coefficient = Math.Min(1.0, maxNorm / (norm + 1e-6));
        // The realised coefficient, fitted over all 18,241 elements: ĉ = Σ Δw·g / Σ g². At ‖g‖ ≈ 5e-6 each Δw is near the float32
        // spacing of w, so single elements are noisy; the fit averages that rounding out (measured error well under 1 %).
        double dot = 0, gg = 0;
        for (int i = 0; i < g.Length; i++) { dot += (before[i] - (double)after[i]) * g[i]; gg += (double)g[i] * g[i]; }
        double fitted = dot / gg;
        double withoutEpsilon = Math.Min(1.0, maxNorm / norm);
        output.WriteLine($"‖g‖ {norm:E4} (engine {returned:E4}), max {maxNorm}, coefficient {coefficient:G6} (without +1e-6: {withoutEpsilon:G6}), realised {fitted:G6}");

        Assert.Equal(norm, returned, norm * 1e-5);
        double tolerance = lossScale < 1 ? 1e-2 : 1e-5;
        Assert.True(Math.Abs(fitted - coefficient) / coefficient < tolerance, $"realised coefficient {fitted:G6}, expected {coefficient:G6}");
        if (lossScale < 1) Assert.True(Math.Abs(withoutEpsilon - coefficient) / coefficient > 0.05, "the case does not distinguish the +1e-6");
    }
}
