using FrequencyLab.Scales;

namespace FrequencyLab.Claims;

/// <summary>
/// The ledger's experiments a notebook shows, as one object: from a ledger's runs folder when it is given one (the runs the
/// claims ledger judged, at its scale: nothing is retrained that is there), otherwise trained in memory at the notebook's
/// scale (<see cref="StudyScales.For"/>: the quick or full row's ledger, the same one the study and <c>freqlab claims</c>
/// run). Either way the notebook's verdicts come from the ledger's judges on the same evidence.
/// </summary>
public sealed class LedgerStudy
{
    private readonly string? _runsRoot;

    private LedgerStudy(LedgerSettings settings, string? runsRoot, IEnumerable<string> keys)
    {
        Settings = settings;
        _runsRoot = runsRoot;
        Keys = [.. keys.Distinct()];
    }

    /// <summary>The scale the experiments run (or ran) at.</summary>
    public LedgerSettings Settings { get; }

    /// <summary>The run store the ledger's runs folder points to (a study's shared store); null: the folder itself.</summary>
    public string? Store { get; private init; }

    /// <summary>The experiments this study shows.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>One line naming the scale, shown beside every verdict.</summary>
    public string Label => Settings.Label;

    /// <summary>The experiments <paramref name="keys"/> picks (given the settings) at the quick or full scale, or those of the
    /// ledger's runs folder <paramref name="ledgerRuns"/> (<c>RUNS/MODE</c>, e.g. the claims stage's of <c>freqlab reproduce</c>)
    /// when it is given (non-empty).</summary>
    /// <exception cref="FrequencyLabException">The folder is not a ledger's runs folder (one line).</exception>
    public static LedgerStudy For(bool quick, string? ledgerRuns, Func<LedgerSettings, IEnumerable<string>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(ledgerRuns))
        {
            var own = StudyScales.For(quick).Ledger;
            return new(own, null, keys(own));
        }
        var (settings, root, store) = LedgerRunsFolder.Open(ledgerRuns);
        return new(settings, root, keys(settings)) { Store = store };
    }

    /// <summary>Runs (or reads back) the experiments; <paramref name="onProgress"/> gets one line per update.</summary>
    public LedgerEvidence Run(Action<string>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var ledger = new ClaimsLedger(Settings) { StoreFolder = Store };
        var progress = onProgress is null ? null : new Diagnostics.InlineProgress<ClaimsProgress>(p => onProgress(Describe(p)));
        return ledger.RunExperiments(ledger.Experiments(Keys), _runsRoot, progress, cancellationToken);
    }

    /// <summary>One progress line.</summary>
    public static string Describe(ClaimsProgress p) =>
        FormattableString.Invariant($"Training: {p.ExperimentsDone} of {p.ExperimentsTotal} experiments done, {(p.RowsTotal > 0 ? 100.0 * p.RowsDone / p.RowsTotal : 0):F0} % of the rows, {p.RowsPerSecond:N0} rows/s")
        + (p.Eta is { } eta && p.ExperimentsDone < p.ExperimentsTotal ? FormattableString.Invariant($", about {eta.TotalSeconds:F0} s left") : "");
}
