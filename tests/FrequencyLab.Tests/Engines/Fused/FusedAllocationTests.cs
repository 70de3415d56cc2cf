using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;

namespace FrequencyLab.Tests.Engines.Fused;

public class FusedAllocationTests
{
    [Theory]
    [InlineData(OptimizerKind.Adam, false)]
    [InlineData(OptimizerKind.Adam, true)]
    [InlineData(OptimizerKind.Sgd, false)]
    public void A_thousand_steps_allocate_nothing(OptimizerKind kind, bool flushTinyValues)
    {
        var shape = ModelShape.Report;
        using var engine = new FusedEngine(shape, new OptimizerSettings(kind), ModelInitializer.PyTorchDefault(shape, 1),
            new FusedEngineOptions(flushTinyValues));
        var inputs = new float[1000 * 5];
        var targets = new float[1000];
        for (int r = 0; r < 1000; r++)
        {
            inputs[r * 5] = MathF.Sin(r * 0.01f);
            inputs[r * 5 + 1 + r % 4] = 1f;
            targets[r] = MathF.Sin(r * 0.03f);
        }
        double sink = Run(engine, inputs, targets); // warm-up: JIT tiers, statics
        long before = GC.GetAllocatedBytesForCurrentThread();
        sink += Run(engine, inputs, targets);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, allocated);
    }

    private static double Run(FusedEngine engine, float[] inputs, float[] targets)
    {
        double sum = 0;
        for (int r = 0; r < targets.Length; r++)
        {
            var x = inputs.AsSpan(r * 5, 5);
            sum += engine.ForwardBackward(x, targets[r]);
            sum += engine.OptimizerStep(1e-3f, 1f);
            sum += engine.Predict(x);
        }
        return sum;
    }
}
