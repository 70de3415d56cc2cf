namespace FrequencyLab.Reproduce;

/// <summary>Where the whole study is.</summary>
/// <param name="Stage">The current stage's name.</param>
/// <param name="StageTitle">Its title.</param>
/// <param name="StageNumber">1-based position of the stage.</param>
/// <param name="StageCount">Stages in the study.</param>
/// <param name="RunsDone">Runs (trainings, sweep points, notebooks) finished over all stages, reused ones included.</param>
/// <param name="RunsTotal">Runs in the whole study.</param>
/// <param name="Fraction">Fraction of the study done, 0..1: each stage weighted by its estimated work (the training runs it
/// adds to the store, in <see cref="Grid.RunCost"/> units, and its other work), within a stage by its own progress.</param>
/// <param name="Elapsed">Wall time of this invocation.</param>
/// <param name="Eta">Estimated time to the end (null until something has been measured).</param>
/// <param name="Status">The stage's own status, e.g. "epoch 3/50".</param>
/// <param name="Finished">The stage that just ended, when this report is about one.</param>
public sealed record ReproduceProgress(string Stage, string StageTitle, int StageNumber, int StageCount, int RunsDone, int RunsTotal,
    double Fraction, TimeSpan Elapsed, TimeSpan? Eta, string Status, StageRecord? Finished = null);
