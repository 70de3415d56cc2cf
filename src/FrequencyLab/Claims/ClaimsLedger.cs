using FrequencyLab.Grid;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>
/// Runs the experiments the report's claims need (named runs of the one grid runner, <see cref="GridRunner"/>, so finished
/// runs in the store are reused and interrupted ones continued) and judges every claim with its rule
/// (<see cref="ClaimJudges"/>), giving one <see cref="ClaimVerdict"/> per claim.
/// </summary>
public sealed class ClaimsLedger
{
    public LedgerSettings Settings { get; }
    public ClaimsLedger(LedgerSettings settings) => Settings = settings.Validate();

    /// <summary>A run store shared with the rest of a study (e.g. <c>freqlab reproduce</c>'s, where the sweep's and the
    /// proposed fix's runs already are); null keeps the ledger's runs in its own store <c>RUNS/MODE</c>.</summary>
    public string? StoreFolder { get; init; }

    /// <summary>The runs root of a ledger written into <paramref name="folder"/> (<c>freqlab claims --out DIR</c>, and its
    /// cluster grid): DIR/runs, whose MODE sub-folder is the ledger's run store.</summary>
    public static string RunsRootIn(string folder) => Path.Combine(folder, "runs");

    /// <summary>The experiments <paramref name="claims"/> need, longest first.</summary>
    public IReadOnlyList<LedgerExperiment> ExperimentsFor(IEnumerable<ReportClaim> claims) =>
        Experiments(claims.SelectMany(c => ClaimJudges.RequiredRuns(c.Id, Settings)));

    /// <summary>The named runs <paramref name="claims"/> need, in the order <see cref="Run"/> trains them (every experiment of
    /// <see cref="ExperimentsFor"/> × seed): what a cluster grid plans (<c>freqlab claims … --slurm</c>) without training.</summary>
    public IReadOnlyList<GridRun> RunsFor(IEnumerable<ReportClaim> claims) => [.. ExperimentsFor(claims).SelectMany(e => e.Runs)];

    /// <summary>The experiments with the given keys, longest first.</summary>
    public IReadOnlyList<LedgerExperiment> Experiments(IEnumerable<string> keys)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var all = LedgerExperiments.All(Settings);
        var unknown = wanted.Except(all.Select(e => e.Key)).FirstOrDefault();
        if (unknown is not null) throw new InvalidSpecException($"unknown ledger experiment {unknown}");
        return all.Where(e => wanted.Contains(e.Key)).OrderByDescending(e => e.Cost).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="experiments"/> through the one grid runner (<see cref="GridRunner"/>) and returns the evidence.
    /// Every experiment × seed is one named run (<c>KEY-seed-S</c>); runs that are the same run (the 5-epoch lr 1e-4
    /// experiment and the first 5 epochs of the restart, the report's run at the report's scale and lr 1e-3 at full scale)
    /// are trained once. With a <paramref name="runsFolder"/> the runs are kept in the store <c>runsFolder/MODE</c> (or in
    /// <see cref="StoreFolder"/> when set): finished runs are reused, interrupted ones continued. Null runs in memory.
    /// </summary>
    public LedgerEvidence RunExperiments(IReadOnlyList<LedgerExperiment> experiments, string? runsFolder,
        IProgress<ClaimsProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        string? root = runsFolder is null ? null : LedgerRunsFolder.For(runsFolder, Settings);
        if (root is not null) LedgerRunsFolder.Record(root, Settings, StoreFolder);
        var runs = experiments.SelectMany(e => e.Runs).ToArray();
        var left = experiments.ToDictionary(e => e.Key, e => e.Seeds.Count, StringComparer.Ordinal);
        var owner = experiments.SelectMany(e => e.Runs.Select(r => (r.Name, e.Key))).ToDictionary(x => x.Name, x => x.Key, StringComparer.Ordinal);
        int finished = 0;
        var gate = new object();
        var grid = new GridRunner { StoreFolder = StoreFolder ?? root, Workers = Settings.Workers }.Run(runs, progress is null ? null
            : new Diagnostics.InlineProgress<GridProgress>(p =>
            {
                lock (gate)
                {
                    string? done = null;
                    foreach (var r in (p.Reused ?? []).Concat(p.Finished ?? []))
                        if (--left[owner[r.Run.Name]] == 0) { finished++; done = owner[r.Run.Name]; }
                    progress.Report(new ClaimsProgress("training", finished, experiments.Count, p.RowsDone, p.RowsTotal, p.RowsPerSecond, p.Eta, done));
                }
            }), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (grid.FirstFailure is { } failed)
            throw new FrequencyLabException($"experiment {owner[failed.Run.Name]}, {failed.Run.Name}: {failed.Message}");
        var results = new Dictionary<string, IReadOnlyList<TrainingHistory>>(StringComparer.Ordinal);
        var checkpoints = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
        foreach (var e in experiments)
        {
            var kept = e.Runs.Select(r => grid[r.Name]).Where(r => r.History is not null && r.Status is not (SweepPointStatus.Cancelled or SweepPointStatus.Pending)).ToArray();
            results[e.Key] = kept.Select(r => r.History!).ToArray();
            checkpoints[e.Key] = kept.Select(r => r.FinalCheckpoint).ToArray();
        }
        return new LedgerEvidence(Settings, results) { Checkpoints = checkpoints };
    }

    /// <summary>Judges every claim on the evidence, in the claims' order.</summary>
    public IReadOnlyList<ClaimVerdict> Judge(IReadOnlyList<ReportClaim> claims, LedgerEvidence evidence) =>
        claims.Select(c => new ClaimVerdict(c, ClaimJudges.Decide(c, evidence), Settings)).ToArray();

    /// <summary>Judges one claim of the embedded claims file by id (for notebooks).</summary>
    public static Findings.Finding Judge(string claimId, LedgerEvidence evidence) =>
        ClaimJudges.Decide(ReportClaims.Embedded().SingleOrDefault(c => c.Id == claimId)
            ?? throw new FrequencyLabException($"no claim {claimId} in the embedded claims file"), evidence);

    /// <summary>Runs what <paramref name="claims"/> need under <paramref name="runsFolder"/> and judges them all;
    /// <paramref name="learnability"/> is the same study's learnability matrix, when it ran: it joins the evidence for the
    /// claims about what the task allows.</summary>
    public IReadOnlyList<ClaimVerdict> Run(IReadOnlyList<ReportClaim> claims, string? runsFolder,
        IProgress<ClaimsProgress>? progress = null, CancellationToken cancellationToken = default, Learnability.LearnabilityResults? learnability = null)
    {
        var run = RunExperiments(ExperimentsFor(claims), runsFolder, progress, cancellationToken);
        var evidence = new LedgerEvidence(Settings, run.Runs) { Checkpoints = run.Checkpoints, Learnability = learnability };
        progress?.Report(new ClaimsProgress("judging", 0, 0, 0, 0, 0, null));
        return Judge(claims, evidence);
    }
}
