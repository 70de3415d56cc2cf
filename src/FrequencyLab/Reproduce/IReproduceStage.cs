namespace FrequencyLab.Reproduce;

/// <summary>
/// One step of the study (data, a training run, the sweep, the notebooks, the claims ledger…). Stages run in order;
/// adding one to <see cref="ReproduceStages.Default"/> is all it takes for <c>freqlab reproduce</c> to run it, time it,
/// skip it when done, and list it on the page.
/// </summary>
public interface IReproduceStage
{
    /// <summary>Short stable name, the manifest's key (e.g. "sweep").</summary>
    string Name { get; }

    /// <summary>What the progress line and the page call it (e.g. "learning rate × init seed sweep").</summary>
    string Title { get; }

    /// <summary>How many runs (trainings, notebooks…) it counts for in the job's "runs done / total".</summary>
    int Runs(ReproduceContext context);

    /// <summary>The training runs it puts into the study's run store, for the study's ETA (a run an earlier stage planned
    /// costs only its extra epochs: <see cref="Grid.RunCost.Planned"/>). None for a stage that does not train.</summary>
    IReadOnlyList<Grid.GridRun> PlannedRuns(ReproduceContext context) => [];

    /// <summary>Its work besides training, in <see cref="Grid.RunCost"/> units (one fused epoch of the report's run), for
    /// the study's ETA.</summary>
    double OtherWork(ReproduceContext context) => 0;

    /// <summary>A hash of its inputs: a stage completed with the same fingerprint whose outputs exist is reused.</summary>
    string Fingerprint(ReproduceContext context);

    /// <summary>Whether its outputs are on disk (a completed stage whose files were removed runs again).</summary>
    bool OutputsExist(ReproduceContext context);

    /// <summary>True for a stage that nothing after it reads until the page (and that leaves cores idle, like the report's
    /// single-threaded TorchSharp run): with two or more jobs it runs on its own thread while the next stages run.</summary>
    bool RunsAlongside => false;

    /// <summary>True for a stage that reads the run of a stage running alongside (the claims ledger reads the report's
    /// TorchSharp run as its TorchSharp seed): it waits for that stage to end before it starts.</summary>
    bool ReadsRunsAlongside => false;

    /// <summary>Does the work, continuing whatever an interrupted earlier invocation left; returns a one-line summary.
    /// Throws <see cref="OperationCanceledException"/> when cancelled (after saving what can be continued).</summary>
    string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken);
}

/// <summary>Where a stage is.</summary>
/// <param name="RunsDone">Runs of this stage finished.</param>
/// <param name="Fraction">Fraction of the whole stage done, 0..1 (for the ETA).</param>
/// <param name="Status">A short status, e.g. "epoch 3/50" or "05-evaluation.ipynb cell 7/20".</param>
public sealed record StageProgress(int RunsDone, double Fraction, string Status);
