using FrequencyLab.Engines;

namespace FrequencyLab.Training;

/// <summary>
/// Per-row predictions of a trained model on a set of rows: the trainer's frozen pass (no gradient, evaluation state zeroed
/// at the start and reset by the run's policy, carried from row to row), keeping every ŷ instead of only the MSE. On the
/// weights of a run's last epoch and its test rows it gives exactly that epoch's frozen test MSE.
/// </summary>
public static class FrozenPredictions
{
    /// <summary>Predicts every row of <paramref name="rows"/> with <paramref name="weights"/> on the config's engine, shape and reset policy.</summary>
    public static RowPredictions Compute(TrainingConfig config, float[] weights, TrainingRows rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(rows);
        config.Validate();
        if (rows.Width != config.Shape.InputSize)
            throw new InvalidSpecException($"invalid rows: they have {rows.Width} inputs, the model expects {config.Shape.InputSize}");
        using var engine = EngineFactory.Create(config.Engine, config.Shape, config.Optimizer, weights);
        var predicted = new float[rows.Count];
        var freq = rows.FrequencyIndex;
        var sums = new double[rows.FrequencyCount];
        var counts = new long[rows.FrequencyCount];
        double total = 0;
        engine.ResetEvalState();
        for (int row = 0; row < rows.Count; row++)
        {
            if ((row & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (row > 0 && (config.Reset == ResetPolicy.Stateless || (config.Reset == ResetPolicy.PerBlock && freq[row] != freq[row - 1])))
                engine.ResetEvalState();
            predicted[row] = engine.Predict(rows.Input(row));
            // (ŷ − y)² in float32 as MSELoss computes it, summed in double: the trainer's frozen pass.
            float error = predicted[row] - rows.Targets[row];
            float squared = error * error;
            total += squared;
            sums[freq[row]] += squared;
            counts[freq[row]]++;
        }
        var per = sums.Select((s, i) => counts[i] == 0 ? double.NaN : s / counts[i]).ToArray();
        return new RowPredictions(predicted, rows.Targets.ToArray(), freq.ToArray(), rows.Count == 0 ? double.NaN : total / rows.Count, per);
    }

    /// <summary>Predicts with a trained model kept in memory.</summary>
    public static RowPredictions Compute(TrainedModel model, TrainingRows rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Compute(model.Config, model.Final.Parameters, rows, cancellationToken);
    }

    /// <summary>Predicts with the weights of a checkpoint file (e.g. a run folder's checkpoints/best.safetensors).</summary>
    public static RowPredictions FromCheckpoint(string checkpointPath, TrainingRows rows, CancellationToken cancellationToken = default)
    {
        var checkpoint = CheckpointFile.Read(checkpointPath);
        return Compute(checkpoint.Config, checkpoint.Engine.Parameters, rows, cancellationToken);
    }
}
