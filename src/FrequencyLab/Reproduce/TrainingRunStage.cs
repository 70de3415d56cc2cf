using FrequencyLab.Diagnostics;
using FrequencyLab.Grid;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>
/// One training run into the study's run store: started fresh, continued from its last checkpoint after an interruption, or
/// found finished (also when another stage stored the same run), through the one grid runner.
/// </summary>
public abstract class TrainingRunStage : IReproduceStage
{
    public abstract string Name { get; }
    public abstract string Title { get; }

    /// <summary>The run's config.</summary>
    public abstract TrainingConfig Config(ReproduceContext context);

    /// <summary>The name of the run's folder in the study's store, when this stage is the first to train it.</summary>
    public abstract string FolderName { get; }

    /// <summary>The run's folder in the store (another stage's, when it stored the same run first).</summary>
    public string Folder(ReproduceContext context) => context.RunFolder(Config(context), FolderName);

    public int Runs(ReproduceContext context) => 1;

    public IReadOnlyList<GridRun> PlannedRuns(ReproduceContext context) => [new GridRun(FolderName, Config(context))];

    /// <inheritdoc cref="IReproduceStage.RunsAlongside"/>
    public virtual bool RunsAlongside => false;

    public string Fingerprint(ReproduceContext context) => ReproduceContext.Hash(Name, HistoryJson.Serialize(Config(context)));

    public bool OutputsExist(ReproduceContext context) => File.Exists(Path.Combine(Folder(context), "history.json"));

    /// <summary>The run as the one grid runner's only run, in the study's store: trained, continued or found finished.</summary>
    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var config = Config(context).Validate();
        var grid = new GridRunner { StoreFolder = context.Layout.Runs, Workers = 1 }.Run([new GridRun(FolderName, config)],
            new InlineProgress<GridProgress>(p =>
            {
                double fraction = p.RowsTotal > 0 ? Math.Clamp((double)p.RowsDone / p.RowsTotal, 0, 1) : 1;
                // The rows planned are the epochs still to train: the epoch under way, counted from the end.
                int left = (int)Math.Round((double)p.RowsTotal / RunCost.RowsPerEpoch(config));
                int epoch = Math.Clamp(config.Epochs - left + (int)(fraction * left) + 1, 1, config.Epochs);
                progress.Report(new StageProgress(0, fraction, p.RunsDone == 1 ? "done" : $"epoch {epoch}/{config.Epochs}"));
            }),
            cancellationToken);
        var result = grid.Runs[0];
        if (result.Status == SweepPointStatus.Failed) throw new FrequencyLabException($"{Name}: {result.Message}");
        var history = result.History!;
        if (history.Stop == StopReason.Cancelled || cancellationToken.IsCancellationRequested)
            throw new OperationCanceledException(history.StopMessage, cancellationToken);
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
}
