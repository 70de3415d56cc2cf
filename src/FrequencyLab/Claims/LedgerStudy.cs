namespace FrequencyLab.Claims;

/// <summary>
/// How a notebook gets the ledger's experiments it shows: from a ledger's runs folder when it is given one (the runs the
/// claims ledger judged, at its scale: nothing is retrained that is there), otherwise trained in memory at the notebook's
/// own scale. Either way the notebook's verdicts come from the ledger's judges on the same evidence.
/// </summary>
public static class LedgerStudy
{
    /// <summary>The settings of <paramref name="ledgerRuns"/> when given (non-empty), else <paramref name="own"/>.</summary>
    public static LedgerSettings Settings(LedgerSettings own, string? ledgerRuns) =>
        string.IsNullOrEmpty(ledgerRuns) ? own.Validate() : LedgerRunsFolder.Read(ledgerRuns);

    /// <summary>Runs (or reads back) the experiments with <paramref name="keys"/>; <paramref name="onProgress"/> gets one line
    /// per update. With <paramref name="ledgerRuns"/> the runs live there (its parent is the ledger's runs root).</summary>
    public static LedgerEvidence Run(LedgerSettings settings, IEnumerable<string> keys, Action<string>? onProgress = null,
        string? ledgerRuns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ledger = new ClaimsLedger(settings);
        string? root = null;
        if (!string.IsNullOrEmpty(ledgerRuns))
        {
            var folder = Path.GetFullPath(ledgerRuns);
            if (Path.GetFileName(folder) != settings.Mode)
                throw new FrequencyLabException($"{ledgerRuns} holds {LedgerRunsFolder.Read(folder).Mode} runs, not {settings.Mode}");
            root = Path.GetDirectoryName(folder);
        }
        var progress = onProgress is null ? null : new Line(onProgress);
        return ledger.RunExperiments(ledger.Experiments(keys), root, progress, cancellationToken);
    }

    /// <summary>One progress line.</summary>
    public static string Describe(ClaimsProgress p) =>
        FormattableString.Invariant($"Training: {p.ExperimentsDone} of {p.ExperimentsTotal} experiments done, {(p.RowsTotal > 0 ? 100.0 * p.RowsDone / p.RowsTotal : 0):F0} % of the rows, {p.RowsPerSecond:N0} rows/s")
        + (p.Eta is { } eta && p.ExperimentsDone < p.ExperimentsTotal ? FormattableString.Invariant($", about {eta.TotalSeconds:F0} s left") : "");

    private sealed class Line(Action<string> write) : IProgress<ClaimsProgress>
    {
        public void Report(ClaimsProgress value) => write(Describe(value));
    }
}
