namespace FrequencyLab.Prediction;

/// <summary>Whether the ensemble could be fitted at all.</summary>
public enum PredictionStatus
{
    /// <summary>The ensemble was fitted and bootstrapped.</summary>
    Predicted,
    /// <summary>Fewer than <see cref="ConvergencePredictor.MinimumPoints"/> points: nothing is extrapolated.</summary>
    TooFewPoints,
    /// <summary>Every value is the same: the only honest model is the flat one, with no noise to bootstrap.</summary>
    Constant,
}

/// <summary>The direction of the observed curve by Kendall's τ between epoch and value.</summary>
public enum CurveTrend
{
    /// <summary>τ ≤ −0.5: mostly falling.</summary>
    Decreasing,
    /// <summary>τ ≥ +0.5: mostly rising (the loss is getting worse).</summary>
    Rising,
    /// <summary>Neither: flat or noisy.</summary>
    NoClearTrend,
}
