namespace FrequencyLab.Training;

/// <summary>What the trainer is doing when it reports.</summary>
public enum TrainingPhase
{
    Training,
    /// <summary>The frozen pass over the training rows.</summary>
    EvaluatingTrain,
    /// <summary>The frozen pass over the test rows.</summary>
    EvaluatingTest,
    /// <summary>The frozen passes over the training and the test rows side by side (one engine step per pair of rows); Row
    /// counts the rows of both passes done, Rows those of both.</summary>
    EvaluatingBoth,
    /// <summary>An epoch has ended; <see cref="TrainingProgress.CompletedEpoch"/> holds its record.</summary>
    EpochCompleted,
}

/// <summary>A progress report, sent every <see cref="StatefulTrainer.ReportEvery"/> rows and at every epoch end.</summary>
/// <param name="Epoch">1-based epoch in progress (or just completed).</param>
/// <param name="Epochs">Configured number of epochs.</param>
/// <param name="Phase">What is running.</param>
/// <param name="Row">Rows done in this phase.</param>
/// <param name="Rows">Rows in this phase.</param>
/// <param name="RunningLoss">Mean training loss over this epoch's rows so far (NaN outside training).</param>
/// <param name="RowsPerSecond">Training rows per second over this epoch so far.</param>
/// <param name="CompletedEpoch">The finished epoch's record, in phase <see cref="TrainingPhase.EpochCompleted"/>.</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, TrainingPhase Phase, long Row, long Rows, double RunningLoss, double RowsPerSecond,
    EpochRecord? CompletedEpoch = null);
