namespace FrequencyLab.Training;

/// <summary>Pre-clip global gradient norms over one epoch's optimizer steps.</summary>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="Mean">Mean pre-clip norm (NaN when no step).</param>
/// <param name="Max">Largest pre-clip norm (NaN when no step).</param>
/// <param name="FractionClipped">Share of steps where clip_grad_norm_ scaled the gradients (max/(norm + 1e-6) &lt; 1).</param>
public sealed record GradientNormStats(long Steps, double Mean, double Max, double FractionClipped);

/// <summary>Accumulates <see cref="GradientNormStats"/> without allocation per step; its properties go into mid-epoch checkpoints.</summary>
public sealed class GradientNormAccumulator
{
    public long Steps { get; set; }
    public double Sum { get; set; }
    public double Max { get; set; }
    public long Clipped { get; set; }

    /// <summary>Adds one step's pre-clip norm, clipped by <paramref name="maxNorm"/> as PyTorch decides it (in float32).</summary>
    public void Add(float norm, double maxNorm)
    {
        if (Steps == 0 || float.IsNaN(norm) || norm > Max) Max = norm; // a NaN, once seen, stays the max
        Steps++;
        Sum += norm;
        // clip_grad_norm_ multiplies by clip_coef = max_norm / (total_norm + 1e-6) only when clip_coef < 1 (float32 tensors).
        if ((float)maxNorm / (norm + 1e-6f) < 1f) Clipped++;
    }

    public GradientNormStats ToStats() => Steps == 0
        ? new GradientNormStats(0, double.NaN, double.NaN, 0)
        : new GradientNormStats(Steps, Sum / Steps, Max, (double)Clipped / Steps);
}
