using System.Collections.Concurrent;
using System.Diagnostics;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>
/// Runs the experiments the report's claims need (each a <see cref="SweepRunner"/> sweep over the init seeds, so finished
/// runs under the runs folder are reused and interrupted ones continued) and judges every claim with its rule
/// (<see cref="ClaimJudges"/>), giving one <see cref="ClaimVerdict"/> per claim.
/// </summary>
public sealed class ClaimsLedger
{
    public LedgerSettings Settings { get; }
    public ClaimsLedger(LedgerSettings settings) => Settings = settings.Validate();

    /// <summary>The experiments <paramref name="claims"/> need, longest first.</summary>
    public IReadOnlyList<LedgerExperiment> ExperimentsFor(IEnumerable<ReportClaim> claims) =>
        Experiments(claims.SelectMany(c => ClaimJudges.RequiredRuns(c.Id, Settings)));

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
    /// Runs <paramref name="experiments"/> (several at once, one seed after another within each) and returns the evidence.
    /// With a <paramref name="runsFolder"/> each experiment is a sweep folder <c>runsFolder/MODE/KEY</c>: finished runs are
    /// reused, interrupted ones continued. Null runs in memory.
    /// </summary>
    public LedgerEvidence RunExperiments(IReadOnlyList<LedgerExperiment> experiments, string? runsFolder,
        IProgress<ClaimsProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var clock = Stopwatch.StartNew();
        var gate = new object();
        var planned = experiments.ToDictionary(e => e.Key, e => (long)e.Seeds.Count * e.Config.Epochs * 3L * e.Config.Data.Spec.SampleCount * e.Config.Data.Spec.FrequencyCount);
        var done = experiments.ToDictionary(e => e.Key, _ => 0L);
        long total = planned.Values.Sum();
        int finished = 0;
        var results = new Dictionary<string, IReadOnlyList<TrainingHistory>>(StringComparer.Ordinal);
        var folders = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);

        void Report(string? finishedKey)
        {
            long rows = done.Values.Sum();
            double seconds = clock.Elapsed.TotalSeconds, rate = seconds > 0 ? rows / seconds : 0;
            progress?.Report(new ClaimsProgress("training", finished, experiments.Count, rows, total, rate,
                rate > 0 ? TimeSpan.FromSeconds(Math.Max(total - rows, 0) / rate) : null, finishedKey));
        }
        lock (gate) Report(null);

        string? root = runsFolder is null ? null : LedgerRunsFolder.For(runsFolder, Settings);
        if (root is not null) LedgerRunsFolder.Record(root, Settings);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(Settings.Workers, experiments.Count)) };
        // Longest first, one at a time per worker (no range partitioning, which would hand one worker all the long ones).
        Parallel.ForEach(Partitioner.Create(experiments, EnumerablePartitionerOptions.NoBuffering), options, experiment =>
        {
            if (cancellationToken.IsCancellationRequested) return;
            var runner = new SweepRunner(experiment.Grid) { OutputPath = root is null ? null : Path.Combine(root, experiment.Key), Workers = 1 };
            var sweepProgress = new Diagnostics.InlineProgress<SweepProgress>(p =>
            {
                lock (gate)
                {
                    // A resumed sweep plans only its remaining rows; count what it skipped as done.
                    done[experiment.Key] = Math.Min(planned[experiment.Key], planned[experiment.Key] - p.RowsTotal + p.RowsDone);
                    Report(null);
                }
            });
            var sweep = runner.Run(sweepProgress, cancellationToken);
            if (sweep.Points.FirstOrDefault(p => p.Status == SweepPointStatus.Failed) is { } failed)
                throw new FrequencyLabException($"experiment {experiment.Key}, {failed.Point.Name}: {failed.Message}");
            lock (gate)
            {
                var kept = sweep.Points.Where(p => p.History is not null && p.Status != SweepPointStatus.Cancelled && p.Status != SweepPointStatus.Pending)
                    .OrderBy(p => experiment.Seeds.ToList().IndexOf(p.Point.InitSeed)).ToArray();
                results[experiment.Key] = kept.Select(p => p.History!).ToArray();
                folders[experiment.Key] = kept.Select(p => p.Folder).ToArray();
                done[experiment.Key] = planned[experiment.Key];
                finished++;
                Report(experiment.Key);
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        return new LedgerEvidence(Settings, results) { Folders = folders };
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
        var evidence = new LedgerEvidence(Settings, run.Runs) { Folders = run.Folders, Learnability = learnability };
        progress?.Report(new ClaimsProgress("judging", 0, 0, 0, 0, 0, null));
        return Judge(claims, evidence);
    }
}
