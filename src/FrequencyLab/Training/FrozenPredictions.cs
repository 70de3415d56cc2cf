using FrequencyLab.Engines;

namespace FrequencyLab.Training;

/// <summary>
/// Per-row predictions of a trained model on a set of rows: the trainer's frozen pass (no gradient, evaluation state zeroed
/// at the start and reset by the run's policy, carried from row to row), keeping every ŷ instead of only the MSE. On the
/// weights of a run's last epoch and its test rows it gives exactly that epoch's frozen test MSE (rows as loaded: a run that
/// standardises S has its recorded statistics applied here).
/// </summary>
public static class FrozenPredictions
{
    /// <summary>Predicts every row of <paramref name="rows"/> with <paramref name="weights"/> on the config's engine, shape and
    /// reset policy. With a config that standardises S, <paramref name="inputScale"/> must be the run's recorded statistics
    /// (<see cref="TrainingHistory.InputScale"/>), applied to the rows as given; without, it must be null.</summary>
    public static RowPredictions Compute(TrainingConfig config, float[] weights, TrainingRows rows, CancellationToken cancellationToken = default,
        InputStandardization? inputScale = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(rows);
        config.Validate();
        if (rows.Width != config.Shape.InputSize)
            throw new InvalidSpecException($"invalid rows: they have {rows.Width} inputs, the model expects {config.Shape.InputSize}");
        if ((config.InputScaling == InputScaling.Standardize) != (inputScale is not null))
            throw new InvalidSpecException(inputScale is null
                ? "invalid evaluation: the run standardises its input S; give its recorded mean and std (history.json's inputScale)"
                : "invalid evaluation: the run does not scale its input, but a standardisation was given");
        if (inputScale is not null) rows = inputScale.Validate().Apply(rows);
        using var engine = EngineFactory.Create(config.Engine, config.Shape, config.Optimizer, weights);
        var predicted = new float[rows.Count];
        var evaluation = StatefulTrainer.FrozenPass(engine, rows, config.Reset, cancellationToken, null, 0, 0, TrainingPhase.EvaluatingTest, predicted)
            ?? throw new OperationCanceledException(cancellationToken);
        return new RowPredictions(predicted, rows.Targets.ToArray(), rows.FrequencyIndex.ToArray(), evaluation.Mse, evaluation.MsePerFrequency);
    }

    /// <summary>Predicts with a trained model kept in memory.</summary>
    public static RowPredictions Compute(TrainedModel model, TrainingRows rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Compute(model.Config, model.Final.Parameters, rows, cancellationToken, model.History.InputScale);
    }

    /// <summary>Predicts with the weights of a checkpoint file (e.g. a run folder's checkpoints/best.safetensors).</summary>
    public static RowPredictions FromCheckpoint(string checkpointPath, TrainingRows rows, CancellationToken cancellationToken = default)
    {
        var checkpoint = CheckpointFile.Read(checkpointPath);
        return Compute(checkpoint.Config, checkpoint.Engine.Parameters, rows, cancellationToken, checkpoint.Trainer.History.InputScale);
    }
}
