namespace FrequencyLab.Training;

/// <summary>
/// Everything besides the engine's snapshot that a run needs to continue exactly: where it is, the schedule, stopping
/// and alert states, and the history so far. Stored in every checkpoint.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The history so far (config, provenance, environment, completed epochs, stop reason).</summary>
    public required TrainingHistory History { get; init; }
    /// <summary>Rows of epoch <c>History.Epochs.Count + 1</c> already trained; equal to the row count when only the
    /// frozen evaluation of that epoch is pending; 0 at an epoch boundary.</summary>
    public int Row { get; init; }
    /// <summary>Sums of the epoch in progress (null at an epoch boundary).</summary>
    public EpochAccumulator? Partial { get; init; }
    /// <summary>Optimizer steps since the run began (drives warm-up; unaffected by optimizer resets).</summary>
    public long OptimizerSteps { get; init; }
    /// <summary>The learning rate in force when no plateau schedule is configured, or the schedule's state.</summary>
    public PlateauState? Plateau { get; init; }
    public EarlyStoppingState? EarlyStopping { get; init; }
    public DivergenceAlertState Alerts { get; init; } = DivergenceAlertState.Initial;
    /// <summary>Lowest finite monitored value so far (the best checkpoint's).</summary>
    public double BestMonitored { get; init; } = double.PositiveInfinity;

    [System.Text.Json.Serialization.JsonIgnore]
    public int CompletedEpochs => History.Epochs.Count;
}
