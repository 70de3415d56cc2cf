using FrequencyLab.Model;

namespace FrequencyLab.Engines;

/// <summary>One input row and carried state to check an engine's forward step with.</summary>
/// <param name="Input">x, <see cref="ModelShape.InputSize"/> values.</param>
/// <param name="Hidden">h, H values.</param>
/// <param name="Cell">c, H values.</param>
public sealed record ForwardProbe(float[] Input, float[] Hidden, float[] Cell)
{
    /// <summary>
    /// A fixed probe for a shape: every input, hidden and cell value non-zero and of a different size, so every weight
    /// (W_hh included, which a zero state would hide) and every lane of a vector kernel contributes to the result. The
    /// values stay in the ranges training produces: |x| ≤ 1, |h| ≤ 0.8 (h = o·tanh c), |c| ≤ 1.5.
    /// </summary>
    public static ForwardProbe For(ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var x = new float[shape.InputSize];
        var h = new float[shape.HiddenSize];
        var c = new float[shape.HiddenSize];
        for (int k = 0; k < x.Length; k++) x[k] = (float)Math.Sin(1.3 * k + 0.4);
        for (int j = 0; j < h.Length; j++)
        {
            h[j] = (float)(0.8 * Math.Sin(0.7 * j + 0.3));
            c[j] = (float)(1.5 * Math.Cos(0.45 * j + 0.2));
        }
        return new ForwardProbe(x, h, c);
    }
}
