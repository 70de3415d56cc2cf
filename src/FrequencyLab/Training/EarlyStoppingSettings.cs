namespace FrequencyLab.Training;

/// <summary>
/// Lightning's EarlyStopping arguments in mode "min". Lightning's defaults (patience 3, min_delta 0, check_finite on);
/// the report's plan uses patience 10 and min_delta 1e-4.
/// </summary>
/// <param name="Patience">Checks without improvement after which to stop.</param>
/// <param name="MinDelta">An improvement must beat the best by more than this.</param>
/// <param name="CheckFinite">Stop when the monitored value is NaN or infinite.</param>
/// <param name="StoppingThreshold">Stop as soon as the value is below this.</param>
/// <param name="DivergenceThreshold">Stop as soon as the value is above this.</param>
public sealed record EarlyStoppingSettings(
    int Patience = 3,
    double MinDelta = 0.0,
    bool CheckFinite = true,
    double? StoppingThreshold = null,
    double? DivergenceThreshold = null)
{
    /// <summary>The report's plan (section 4.3/5.2): patience 10, min_delta 1e-4.</summary>
    public static EarlyStoppingSettings ReportPlan { get; } = new(Patience: 10, MinDelta: 1e-4);

    public EarlyStoppingSettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid early stopping: {m}");
        if (Patience < 0) Fail($"patience {Patience} must not be negative");
        if (!(MinDelta >= 0) || !double.IsFinite(MinDelta)) Fail($"min delta {MinDelta} must be a non-negative number");
        if (StoppingThreshold is { } s && double.IsNaN(s)) Fail("stopping threshold is NaN");
        if (DivergenceThreshold is { } d && double.IsNaN(d)) Fail("divergence threshold is NaN");
        return this;
    }
}
