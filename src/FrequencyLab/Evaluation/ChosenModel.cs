using FrequencyLab.Training;

namespace FrequencyLab.Evaluation;

/// <summary>
/// The model a notebook evaluates: the weights of a run folder's best checkpoint (the one its monitor chose), or a model
/// trained in memory when no run is given.
/// </summary>
/// <param name="Description">Where it comes from, for the prose (e.g. "best checkpoint of runs/proposed-lr1e-4, epoch 12").</param>
/// <param name="Config">Its training config (engine, shape, reset policy: the frozen pass follows it).</param>
/// <param name="Weights">Its weights in parameter-layout order.</param>
/// <param name="History">Its training history.</param>
/// <param name="Epoch">The epoch the weights are from.</param>
public sealed record ChosenModel(string Description, TrainingConfig Config, float[] Weights, TrainingHistory History, int Epoch)
{
    /// <summary>The best checkpoint of <paramref name="runFolder"/> (its last one when it never recorded a best).</summary>
    public static ChosenModel FromRun(string runFolder)
    {
        var run = RunDirectory.OpenExisting(runFolder);
        var path = File.Exists(run.BestCheckpointPath) ? run.BestCheckpointPath : run.LastCheckpointPath;
        if (!File.Exists(path)) throw new FrequencyLabException($"{run.Path}: holds no checkpoint yet");
        var checkpoint = CheckpointFile.Read(path);
        var history = HistoryJson.Read(run.HistoryPath);
        int epoch = checkpoint.Trainer.CompletedEpochs;
        return new ChosenModel($"{(path == run.BestCheckpointPath ? "best" : "last")} checkpoint of {run.Path} (epoch {epoch} of {history.Epochs.Count})",
            checkpoint.Config, checkpoint.Engine.Parameters, history, epoch);
    }

    /// <summary>Trains <paramref name="config"/> on <paramref name="data"/> in memory and keeps its final weights.</summary>
    public static ChosenModel Train(TrainingConfig config, TrainingData data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var model = new StatefulTrainer(config, data).Train(progress, cancellationToken);
        return new ChosenModel($"trained here: {config.Engine}, lr {config.LearningRate:G3}, {model.History.Epochs.Count} epochs",
            config, model.Final.Parameters, model.History, model.History.Epochs.Count);
    }

    /// <summary>Trains as <see cref="Train(TrainingConfig, TrainingData, IProgress{TrainingProgress}?, CancellationToken)"/>, telling
    /// <paramref name="status"/> one line after each epoch (on the training thread; a notebook passes its displayed value's Update).</summary>
    public static ChosenModel Train(TrainingConfig config, TrainingData data, Action<string> status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Train(config, data, new EpochStatus(status, config.Epochs), cancellationToken);
    }

    private sealed class EpochStatus(Action<string> status, int epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            if (p.CompletedEpoch is { } e)
                status(FormattableString.Invariant($"epoch {e.Epoch}/{epochs}: train loss {e.TrainLoss:G4}, frozen test MSE {e.FrozenTest.Mse:G4}"));
        }
    }

    /// <summary>Epochs its run trained (the weights may be from an earlier, best epoch).</summary>
    public int EpochsTrained => History.Epochs.Count;

    /// <summary>Whether its run ended by itself (early stopping, a non-finite loss) rather than at the end of its budget.</summary>
    public bool StoppedOnItsOwn => History.Stop is StopReason.EarlyStopping or StopReason.NonFinite;

    /// <summary>Per-row predictions on <paramref name="rows"/> (the trainer's frozen stateful pass; a run that standardises S
    /// has its recorded statistics applied).</summary>
    public RowPredictions Predict(TrainingRows rows, CancellationToken cancellationToken = default) =>
        FrozenPredictions.Compute(Config, Weights, rows, cancellationToken, History.InputScale);
}
