namespace FrequencyLab.Engines.Fused;

/// <summary>The per-step scalars of one Adam update, computed once in double and rounded to float as PyTorch's kernels
/// receive them (Python floats become float32 scalars inside each float32 kernel).</summary>
public readonly record struct AdamScalars(float GradScale, float WeightDecay, float Beta1, float OneMinusBeta1, float Beta2,
    float OneMinusBeta2, float SqrtBiasCorrection2, float Epsilon, float NegativeStepSize)
{
    /// <summary>Scalars of step <paramref name="step"/> (1-based, Adam's t) at <paramref name="learningRate"/>, with the
    /// clip coefficient <paramref name="gradScale"/> (1 when the gradients are not clipped).</summary>
    public static AdamScalars For(OptimizerSettings o, float learningRate, long step, float gradScale)
    {
        double bc1 = 1 - Math.Pow(o.Beta1, step), bc2 = 1 - Math.Pow(o.Beta2, step);
        return new AdamScalars(gradScale, (float)o.WeightDecay, (float)o.Beta1, (float)(1 - o.Beta1), (float)o.Beta2,
            (float)(1 - o.Beta2), (float)Math.Sqrt(bc2), (float)o.Epsilon, (float)(-(learningRate / bc1)));
    }
}
