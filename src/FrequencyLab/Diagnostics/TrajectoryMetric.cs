namespace FrequencyLab.Diagnostics;

/// <summary>Which per-epoch number of a <see cref="Training.TrainingHistory"/> a trajectory follows.</summary>
public enum TrajectoryMetric
{
    /// <summary>Mean of the per-row losses, each taken before that row's update (the report's §2.1 table).</summary>
    TrainLoss,
    /// <summary>Frozen (no-update) MSE over the training rows after the epoch: what the weights can do on the rows they saw.</summary>
    FrozenTrainMse,
    /// <summary>Frozen MSE over the test rows after the epoch.</summary>
    FrozenTestMse,
}
