namespace FrequencyLab.Diagnostics;

/// <summary>One quantile of the per-row gradient norm.</summary>
public sealed record NormQuantile(double Probability, double Norm);

/// <summary>The spread of means over consecutive windows of B rows (what a batch or accumulation of B rows would see).</summary>
/// <param name="Rows">B.</param>
/// <param name="Windows">Complete windows in the pass.</param>
/// <param name="Variance">Trace of the covariance of the window means: E‖m_w − m̄‖² (unbiased over windows; NaN with fewer than 2).</param>
/// <param name="Reduction">Per-row variance / this variance: B for independent rows, less when neighbouring rows' gradients agree.</param>
public sealed record WindowVariance(int Rows, int Windows, double Variance, double Reduction);

/// <summary>Gradients of single rows at fixed weights.</summary>
/// <param name="Description">Which weights and data, e.g. "init seed 0, per-sample noise".</param>
/// <param name="Rows">Rows measured.</param>
/// <param name="ParameterCount">Gradient length.</param>
/// <param name="Quantiles">Quantiles of the pre-clip L2 norm of each row's gradient.</param>
/// <param name="MeanNorm">Mean per-row norm.</param>
/// <param name="ClipRate">Share of rows whose norm clip_grad_norm_ at <paramref name="MaxGradNorm"/> would scale.</param>
/// <param name="MaxGradNorm">The clip threshold.</param>
/// <param name="MeanGradientNorm">‖mean gradient‖: the signal all rows share.</param>
/// <param name="RowVariance">Trace of the per-row gradient covariance, E‖g − ḡ‖² (unbiased).</param>
/// <param name="MeanLoss">Mean row loss at these weights.</param>
/// <param name="Windows">Variance of window means for each window size.</param>
public sealed record GradientStatistics(string Description, int Rows, int ParameterCount, IReadOnlyList<NormQuantile> Quantiles, double MeanNorm,
    double ClipRate, double MaxGradNorm, double MeanGradientNorm, double RowVariance, double MeanLoss, IReadOnlyList<WindowVariance> Windows)
{
    /// <summary>Signal-to-noise: ‖ḡ‖² / E‖g − ḡ‖².</summary>
    public double SignalToNoise => MeanGradientNorm * MeanGradientNorm / RowVariance;

    /// <summary>The window variance for B rows.</summary>
    public WindowVariance Window(int rows) => Windows.Single(w => w.Rows == rows);
}
