using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>
/// One training run into a run folder of the study: started fresh, continued from its last checkpoint after an
/// interruption, or found finished (a finished run returns at once), exactly as <c>freqlab train --resume</c> does.
/// </summary>
public abstract class TrainingRunStage : IReproduceStage
{
    public abstract string Name { get; }
    public abstract string Title { get; }

    /// <summary>The run's config.</summary>
    public abstract TrainingConfig Config(ReproduceContext context);

    /// <summary>The run's folder.</summary>
    public abstract string Folder(ReproduceContext context);

    public int Runs(ReproduceContext context) => 1;

    /// <inheritdoc cref="IReproduceStage.RunsAlongside"/>
    public virtual bool RunsAlongside => false;

    public string Fingerprint(ReproduceContext context) =>
        ReproduceContext.Hash(Name, HistoryJson.Serialize(Config(context)), ReproduceContext.HashFile(context.Layout.TrainData), ReproduceContext.HashFile(context.Layout.TestData));

    public bool OutputsExist(ReproduceContext context) => File.Exists(Path.Combine(Folder(context), "history.json"));

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var config = Config(context).Validate();
        var folder = Folder(context);
        var data = TrainingData.Load(config.Data);
        RunDirectory run;
        Checkpoint? checkpoint = null;
        if (File.Exists(Path.Combine(folder, "config.json")))
        {
            run = RunDirectory.OpenExisting(folder, config);
            checkpoint = run.PrepareResume(config, data);
        }
        else run = RunDirectory.CreateNew(folder, config);

        var trainer = new StatefulTrainer(config, data) { Output = run };
        var reporter = new Reporter(progress, config.Epochs);
        var history = checkpoint is null ? trainer.Run(reporter, cancellationToken) : trainer.Resume(checkpoint, reporter, cancellationToken);
        if (history.Stop == StopReason.Cancelled) throw new OperationCanceledException(history.StopMessage, cancellationToken);
        progress.Report(new StageProgress(1, 1, "done"));
        var last = history.Epochs.LastOrDefault();
        var stop = history.Stop switch
        {
            StopReason.EarlyStopping => $"early-stopped after {history.Epochs.Count} epochs",
            StopReason.NonFinite => $"stopped on a non-finite loss after {history.Epochs.Count} epochs",
            _ => $"{history.Epochs.Count} epochs",
        };
        return last is null ? stop : FormattableString.Invariant($"{stop} on {history.Environment.Engine}; last epoch: train {last.TrainLoss:G4}, frozen test {last.FrozenTest.Mse:G4}");
    }

    /// <summary>Turns the trainer's row-level progress into the stage's fraction.</summary>
    private sealed class Reporter(IProgress<StageProgress> progress, int epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            // Training is ~2/3 of an epoch's rows, the two frozen passes the rest.
            double within = p.Phase switch
            {
                TrainingPhase.Training => 0.66 * p.Row / Math.Max(1, p.Rows),
                TrainingPhase.EvaluatingTrain => 0.66 + 0.17 * p.Row / Math.Max(1, p.Rows),
                TrainingPhase.EvaluatingTest => 0.83 + 0.17 * p.Row / Math.Max(1, p.Rows),
                _ => 1.0,
            };
            double fraction = Math.Clamp((p.Epoch - 1 + within) / epochs, 0, 1);
            progress.Report(new StageProgress(0, fraction, $"epoch {p.Epoch}/{epochs}"));
        }
    }
}
