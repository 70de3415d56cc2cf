using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines;

public class ForwardCheckTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    public void A_float32_engine_agrees_and_errors_beyond_rounding_do_not(int hidden)
    {
        // An honest float32 step with another summation order: the check must accept it.
        var shape = new ModelShape(5, hidden);
        var weights = ModelInitializer.PyTorchDefault(shape, 5);
        var probe = ForwardProbe.For(shape);
        var honest = Float32Step(shape, weights, probe);
        var check = ForwardCheck.Compare(shape, weights, probe, honest);
        output.WriteLine($"H={hidden}: float32 step worst {check} (ratio {check.Ratio:E2})");
        Assert.True(check.Agrees, check.ToString());

        // One wrong element, ten tolerances off, in each output in turn: refused, and named.
        var cell = (float[])honest.Cell.Clone();
        cell[hidden / 2] += (float)(10 * Math.Max(check.Tolerance, 1e-5));
        var wrong = ForwardCheck.Compare(shape, weights, probe, honest with { Cell = cell });
        Assert.False(wrong.Agrees);
        Assert.Equal(("cell", hidden / 2), (wrong.Quantity, wrong.Index));
        Assert.False(ForwardCheck.Compare(shape, weights, probe, honest with { Prediction = honest.Prediction + 0.0339f }).Agrees);
        Assert.False(ForwardCheck.Compare(shape, weights, probe, honest with { Prediction = float.NaN }).Agrees);
    }

    [Fact]
    public void All_zero_weights_give_exact_outputs_that_agree_although_the_head_tolerance_is_zero()
    {
        var shape = new ModelShape(5, 4);
        var weights = new float[shape.ParameterCount];
        var probe = ForwardProbe.For(shape);
        var exact = Float32Step(shape, weights, probe);
        var check = ForwardCheck.Compare(shape, weights, probe, exact);
        Assert.True(check.Agrees, check.ToString());
        Assert.False(ForwardCheck.Compare(shape, weights, probe, exact with { Prediction = 1e-30f }).Agrees);
    }

    [Fact]
    public void Non_finite_weights_are_not_a_cpu_fault_when_the_engine_is_non_finite_too()
    {
        // A diverged run's checkpoint can hold NaN weights; resuming it must not be refused as a wrong kernel.
        var shape = new ModelShape(5, 4);
        var weights = ModelInitializer.PyTorchDefault(shape, 2);
        weights[shape.Layout.HeadBias.Offset] = float.NaN;
        var probe = ForwardProbe.For(shape);
        var step = Float32Step(shape, weights, probe);
        Assert.True(float.IsNaN(step.Prediction));
        Assert.True(ForwardCheck.Compare(shape, weights, probe, step).Agrees);
        Assert.False(ForwardCheck.Compare(shape, weights, probe, step with { Prediction = 0.5f }).Agrees);
    }

    [Fact]
    public void Tolerances_sit_between_float_rounding_and_the_avx512_bug()
    {
        // At the report's shape the allowance must stay orders of magnitude below the 3.4e-2 error it exists to catch.
        var shape = ModelShape.Report;
        var weights = ModelInitializer.PyTorchDefault(shape, 1);
        var probe = ForwardProbe.For(shape);
        var reference = ReferenceLstmStep.Run(shape, Array.ConvertAll(weights, v => (double)v), Array.ConvertAll(probe.Input, v => (double)v),
            Array.ConvertAll(probe.Hidden, v => (double)v), Array.ConvertAll(probe.Cell, v => (double)v));
        var exact = new StepOutputs((float)reference.Prediction, Array.ConvertAll(reference.Hidden, v => (float)v), Array.ConvertAll(reference.Cell, v => (float)v));
        var check = ForwardCheck.Compare(shape, weights, probe, exact);
        output.WriteLine($"H=64: tightest {check}");
        Assert.True(check.Agrees);
        Assert.InRange(check.Tolerance, 1e-7, 1e-4);
    }

    /// <summary>The step in float32 throughout, summing the hidden terms first and backwards (an order unlike the
    /// reference's), with MathF's activations.</summary>
    private static StepOutputs Float32Step(ModelShape shape, float[] w, ForwardProbe probe)
    {
        var L = shape.Layout;
        int H = shape.HiddenSize, I = shape.InputSize;
        var gates = new float[4 * H];
        for (int r = 0; r < 4 * H; r++)
        {
            float z = 0;
            for (int j = H - 1; j >= 0; j--) z += w[L.WeightHH.Offset + r * H + j] * probe.Hidden[j];
            for (int k = I - 1; k >= 0; k--) z += w[L.WeightIH.Offset + r * I + k] * probe.Input[k];
            z += w[L.BiasHH.Offset + r] + w[L.BiasIH.Offset + r];
            gates[r] = r / H == 2 ? MathF.Tanh(z) : 1f / (1f + MathF.Exp(-z));
        }
        var h = new float[H];
        var c = new float[H];
        float y = 0;
        for (int j = 0; j < H; j++)
        {
            c[j] = gates[H + j] * probe.Cell[j] + gates[j] * gates[2 * H + j];
            h[j] = gates[3 * H + j] * MathF.Tanh(c[j]);
            y += w[L.HeadWeight.Offset + j] * h[j];
        }
        return new StepOutputs(y + w[L.HeadBias.Offset], h, c);
    }
}
