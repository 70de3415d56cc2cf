namespace FrequencyLab.Training;

/// <summary>A frozen (no-grad, stateful) pass over one set of rows after an epoch: the state is zeroed at the start of the
/// pass and then reset by the run's policy, exactly as in training, but the weights do not move.</summary>
/// <param name="Mse">Mean of (ŷ − y)² over all rows.</param>
/// <param name="MsePerFrequency">The same mean over each frequency's rows, in one-hot order (NaN where a frequency has no rows).</param>
public sealed record FrozenEvaluation(double Mse, double[] MsePerFrequency);

/// <summary>Everything measured in one epoch.</summary>
public sealed record EpochRecord
{
    /// <summary>1-based.</summary>
    public required int Epoch { get; init; }
    /// <summary>Mean of the per-row losses, each taken before that row's update (the report's table).</summary>
    public required double TrainLoss { get; init; }
    /// <summary>The same mean over each frequency's rows (per block in the report's layout).</summary>
    public required double[] TrainLossPerFrequency { get; init; }
    public required FrozenEvaluation FrozenTrain { get; init; }
    public required FrozenEvaluation FrozenTest { get; init; }
    /// <summary>The scheduler's learning rate during this epoch (before warm-up scaling).</summary>
    public required double LearningRate { get; init; }
    /// <summary>The learning rate actually passed to the epoch's last optimizer step (warm-up applied).</summary>
    public required double LastStepLearningRate { get; init; }
    public required GradientNormStats GradientNorm { get; init; }
    /// <summary>Rows trained on.</summary>
    public required long Rows { get; init; }
    /// <summary>Wall-clock seconds for training and frozen evaluation (the one field that differs between identical runs).</summary>
    public required double Seconds { get; init; }
    public required IReadOnlyList<TrainingEvent> Events { get; init; }

    /// <summary>The monitored value for <paramref name="metric"/>.</summary>
    public double Monitored(MonitorMetric metric) => metric == MonitorMetric.TestMse ? FrozenTest.Mse : TrainLoss;
}
