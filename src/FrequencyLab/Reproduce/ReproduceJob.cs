using System.Diagnostics;
using FrequencyLab.Diagnostics;
using FrequencyLab.Grid;
using FrequencyLab.IO;

namespace FrequencyLab.Reproduce;

/// <summary>
/// The whole study in one call: each stage in order (reused when done with the same inputs, continued when interrupted),
/// its status and wall time in reproduce.json after each stage, then results.json and the offline index.html.
/// </summary>
/// <remarks>
/// The folder is checked before anything is written (<see cref="StudyFolder"/>). A failed stage stops the study; the page
/// is still written, showing what was done and what failed. Cancellation stops at the current stage's next safe point
/// (a training run finishes its row and checkpoints), records it as cancelled and still writes the page.
/// A stage that <see cref="IReproduceStage.RunsAlongside"/> (the report's single-threaded TorchSharp run) is started on its own
/// thread when the study has two or more jobs, and the next stages run meanwhile; the job waits for it before the page. Its
/// progress shows when it ends; the manifest keeps the stages' order whatever order they finish in.
/// </remarks>
public sealed class ReproduceJob(ReproduceOptions options)
{
    public ReproduceOptions Options { get; } = options.Validate();

    /// <summary>The stages to run; <see cref="ReproduceStages.Default"/> unless replaced (tests).</summary>
    public IReadOnlyList<IReproduceStage> Stages { get; init; } = ReproduceStages.Default;

    /// <summary>Each stage's share of the study's work, for the progress fraction and the ETA, in <see cref="RunCost"/> units:
    /// the training runs it plans (a run an earlier stage planned counts only its extra epochs) plus its other work. The
    /// stage that runs alongside the others (as <see cref="Run"/> decides it) counts nothing: its time overlaps theirs.</summary>
    public double[] StageWork(ReproduceContext context)
    {
        var planned = new Dictionary<string, int>();
        var work = new double[Stages.Count];
        bool alongsideTaken = false;
        for (int i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            double cost = RunCost.Planned(stage.PlannedRuns(context), planned) + stage.OtherWork(context);
            bool alongside = GoesAlongside(i, alongsideTaken);
            alongsideTaken |= alongside;
            work[i] = alongside ? 0 : cost;
        }
        return work;
    }

    /// <summary>Whether stage <paramref name="i"/> runs on its own thread while the next stages run: it asks to, no stage does
    /// yet, the study has two jobs or more, and a stage follows it.</summary>
    private bool GoesAlongside(int i, bool oneAlready) => Stages[i].RunsAlongside && !oneAlready && Options.Jobs >= 2 && i < Stages.Count - 1;

    public ReproduceOutcome Run(IProgress<ReproduceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var manifest = StudyFolder.Open(Options);
        var context = new ReproduceContext(Options);
        var layout = context.Layout;
        Directory.CreateDirectory(layout.Root);
        // Marks the folder as ours before the first file of a stage is written.
        manifest = manifest with { Stages = manifest.Stages.Where(s => Stages.Any(x => x.Name == s.Name)).ToList() };
        manifest.Write(layout.Manifest);

        var clock = Stopwatch.StartNew();
        var runs = Stages.Select(s => s.Runs(context)).ToArray();
        int runsTotal = runs.Sum(), runsBefore = 0;
        var work = StageWork(context);
        double workTotal = Math.Max(work.Sum(), 1e-9), workBefore = 0;
        bool cancelled = false;
        // The ETA counts only work done in this invocation (reused stages take no time).
        double workedFraction = 0;
        // Progress, the ETA and the manifest are updated from the main thread and from a stage running alongside.
        var gate = new object();
        void Record(StageRecord r)
        {
            lock (gate)
            {
                manifest = InStageOrder(manifest.With(r));
                manifest.Write(layout.Manifest);
            }
        }
        Task<StageRecord>? alongside = null;
        for (int i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            int index = i, before = runsBefore;
            double workAtStart = workBefore, fractionAtStart = workAtStart / workTotal;
            void Report(StageProgress p, StageRecord? finished = null)
            {
                lock (gate)
                {
                    double fraction = Math.Clamp((workAtStart + p.Fraction * work[index]) / workTotal, 0, 1);
                    double worked = workedFraction + (finished is null ? fraction - fractionAtStart : 0);
                    TimeSpan? eta = worked > 0.01 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / worked * (1 - fraction)) : null;
                    progress?.Report(new ReproduceProgress(stage.Name, stage.Title, index + 1, Stages.Count, before + p.RunsDone, runsTotal,
                        fraction, clock.Elapsed, eta, p.Status, finished));
                }
            }

            var fingerprint = stage.Fingerprint(context);
            var previous = manifest.Stage(stage.Name);
            StageRecord record;
            if (previous is { IsDone: true } && previous.Fingerprint == fingerprint && stage.OutputsExist(context))
                record = previous with { Status = StageStatus.Reused };
            else if (cancelled || cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            else if (GoesAlongside(i, alongside is not null))
            {
                Report(new StageProgress(0, 0, "started; runs alongside the next stages"));
                // It gets the same token: after Ctrl+C it checkpoints and ends as cancelled. It reports when it ends.
                alongside = Task.Run(() =>
                {
                    var r = RunStage(stage, context, fingerprint, null, cancellationToken);
                    Record(r);
                    lock (gate) if (r.Status == StageStatus.Completed) workedFraction += work[index] / workTotal;
                    Report(new StageProgress(runs[index], 1, r.Status.ToString().ToLowerInvariant()), r);
                    return r;
                }, CancellationToken.None);
                runsBefore += runs[i];
                workBefore += work[i];
                continue;
            }
            else
            {
                if (stage.ReadsRunsAlongside && alongside is not null && !alongside.IsCompleted)
                {
                    Report(new StageProgress(0, 0, "waiting for the run alongside, which it reads"));
                    alongside.Wait(CancellationToken.None);
                }
                Report(new StageProgress(0, 0, "starting"));
                record = RunStage(stage, context, fingerprint, new InlineProgress<StageProgress>(p => Report(p)), cancellationToken);
                if (record.Status == StageStatus.Completed) lock (gate) workedFraction += work[index] / workTotal;
                cancelled |= record.Status == StageStatus.Cancelled;
            }
            Record(record);
            runsBefore += runs[i];
            workBefore += work[i];
            Report(new StageProgress(runs[i], 1, record.Status.ToString().ToLowerInvariant()), record);
            if (!record.IsDone) break;
        }
        if (alongside is not null) cancelled |= alongside.GetAwaiter().GetResult().Status == StageStatus.Cancelled;

        var results = ReproduceResults.Collect(context);
        results.Write(layout.Results);
        var page = ReproducePage.Render(results, manifest, Stages, StudyEnvironment.Capture(), Options);
        AtomicFile.WriteAllText(layout.Index, page);
        return new ReproduceOutcome(manifest, results, layout.Index, cancelled);
    }

    /// <summary>Runs one stage and says how it ended (an error of ours or a cancellation is a record, not an exception).</summary>
    private static StageRecord RunStage(IReproduceStage stage, ReproduceContext context, string fingerprint, IProgress<StageProgress>? progress,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        double cpu0 = Engines.Fused.CpuClock.Process();
        try
        {
            var summary = stage.Run(context, progress ?? new InlineProgress<StageProgress>(_ => { }), cancellationToken);
            return new StageRecord(stage.Name, StageStatus.Completed, fingerprint, watch.Elapsed.TotalSeconds, summary,
                CpuSeconds: Engines.Fused.CpuClock.Process() - cpu0);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new StageRecord(stage.Name, StageStatus.Cancelled, fingerprint, watch.Elapsed.TotalSeconds, "", "cancelled; run the same command again to continue");
        }
        catch (FrequencyLabException e)
        {
            return new StageRecord(stage.Name, StageStatus.Failed, fingerprint, watch.Elapsed.TotalSeconds, "", e.Message);
        }
    }

    /// <summary>The manifest's records in the order of <see cref="Stages"/> (a stage run alongside finishes after later ones).</summary>
    private ReproduceManifest InStageOrder(ReproduceManifest manifest) => manifest with
    {
        Stages = [.. manifest.Stages.OrderBy(s => Stages.Select(x => x.Name).ToList().IndexOf(s.Name))],
    };
}
