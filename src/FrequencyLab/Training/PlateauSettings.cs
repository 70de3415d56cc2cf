namespace FrequencyLab.Training;

/// <summary>
/// torch.optim.lr_scheduler.ReduceLROnPlateau's arguments in mode "min". Defaults are PyTorch's; the report's Strategy 2
/// suggests factor 0.5, patience 5, min_lr 1e-5.
/// </summary>
public sealed record PlateauSettings(
    double Factor = 0.1,
    int Patience = 10,
    double Threshold = 1e-4,
    ThresholdMode ThresholdMode = ThresholdMode.Relative,
    int Cooldown = 0,
    double MinLearningRate = 0.0,
    double Eps = 1e-8)
{
    /// <summary>The report's Strategy 2.</summary>
    public static PlateauSettings ReportStrategy2 { get; } = new(Factor: 0.5, Patience: 5, MinLearningRate: 1e-5);

    public PlateauSettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid plateau schedule: {m}");
        // PyTorch raises for factor >= 1; a factor of 0 or less would zero or flip the learning rate.
        if (!(Factor > 0 && Factor < 1)) Fail($"factor {Factor} must be in (0, 1)");
        if (Patience < 0) Fail($"patience {Patience} must not be negative");
        if (!(Threshold >= 0) || !double.IsFinite(Threshold)) Fail($"threshold {Threshold} must be a non-negative number");
        if (!Enum.IsDefined(ThresholdMode)) Fail($"unknown threshold mode {ThresholdMode}");
        if (Cooldown < 0) Fail($"cooldown {Cooldown} must not be negative");
        if (!(MinLearningRate >= 0) || !double.IsFinite(MinLearningRate)) Fail($"min lr {MinLearningRate} must be a non-negative number");
        if (!(Eps >= 0) || !double.IsFinite(Eps)) Fail($"eps {Eps} must be a non-negative number");
        return this;
    }
}
