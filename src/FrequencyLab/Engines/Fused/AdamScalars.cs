namespace FrequencyLab.Engines.Fused;

/// <summary>The per-step scalars of one Adam update, computed once in double and rounded to float as PyTorch's kernels
/// receive them (Python floats become float32 scalars inside each float32 kernel).</summary>
/// <param name="GradScale">clip_grad_norm_'s factor (1 when not clipping).</param>
/// <param name="WeightDecay">L2 penalty added to the gradient.</param>
/// <param name="Beta1">β1.</param>
/// <param name="OneMinusBeta1">1 − β1, computed in double.</param>
/// <param name="Beta2">β2.</param>
/// <param name="OneMinusBeta2">1 − β2, computed in double.</param>
/// <param name="SqrtBiasCorrection2">√(1 − β2ᵗ).</param>
/// <param name="Epsilon">ε.</param>
/// <param name="NegativeStepSize">−lr / (1 − β1ᵗ).</param>
/// <param name="FlushTinyValues">Read |g| &lt; 2⁻⁵⁸, |m| &lt; 2⁻¹⁰⁰ and v &lt; 2⁻¹²⁰ as zero (<see cref="FusedEngineOptions"/>).</param>
public readonly record struct AdamScalars(float GradScale, float WeightDecay, float Beta1, float OneMinusBeta1, float Beta2,
    float OneMinusBeta2, float SqrtBiasCorrection2, float Epsilon, float NegativeStepSize, bool FlushTinyValues = false)
{
    /// <summary>2⁻⁵⁸: from here up, (1 − β2)·g·g stays a normal float.</summary>
    public static readonly float GradientFloor = MathF.ScaleB(1f, -58);
    /// <summary>2⁻¹⁰⁰: from here up, β1·m and step·m stay normal floats.</summary>
    public static readonly float FirstMomentFloor = MathF.ScaleB(1f, -100);
    /// <summary>2⁻¹²⁰: from here up, β2·v stays a normal float.</summary>
    public static readonly float SecondMomentFloor = MathF.ScaleB(1f, -120);

    /// <summary>Scalars of step <paramref name="step"/> (1-based, Adam's t) at <paramref name="learningRate"/>, with the
    /// clip coefficient <paramref name="gradScale"/> (1 when the gradients are not clipped).</summary>
    public static AdamScalars For(OptimizerSettings o, float learningRate, long step, float gradScale, bool flushTinyValues = false)
    {
        double bc1 = 1 - Math.Pow(o.Beta1, step), bc2 = 1 - Math.Pow(o.Beta2, step);
        return new AdamScalars(gradScale, (float)o.WeightDecay, (float)o.Beta1, (float)(1 - o.Beta1), (float)o.Beta2,
            (float)(1 - o.Beta2), (float)Math.Sqrt(bc2), (float)o.Epsilon, (float)(-(learningRate / bc1)), flushTinyValues);
    }
}
