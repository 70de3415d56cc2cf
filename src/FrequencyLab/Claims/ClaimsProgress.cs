namespace FrequencyLab.Claims;

/// <summary>Progress of a ledger run over all its experiments.</summary>
/// <param name="Stage">"training", "measuring data", "judging".</param>
/// <param name="ExperimentsDone">Experiments finished (or found finished).</param>
/// <param name="ExperimentsTotal">Experiments in this run.</param>
/// <param name="RowsDone">Rows processed so far (training and frozen evaluation, all seeds).</param>
/// <param name="RowsTotal">Rows planned.</param>
/// <param name="RowsPerSecond">Over the run so far.</param>
/// <param name="Eta">Remaining time at that rate, when known.</param>
/// <param name="Finished">The experiment that just finished, if any.</param>
public sealed record ClaimsProgress(string Stage, int ExperimentsDone, int ExperimentsTotal, long RowsDone, long RowsTotal,
    double RowsPerSecond, TimeSpan? Eta, string? Finished = null);
