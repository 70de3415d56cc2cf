using System.Diagnostics;
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
/// </remarks>
public sealed class ReproduceJob(ReproduceOptions options)
{
    public ReproduceOptions Options { get; } = options.Validate();

    /// <summary>The stages to run; <see cref="ReproduceStages.Default"/> unless replaced (tests).</summary>
    public IReadOnlyList<IReproduceStage> Stages { get; init; } = ReproduceStages.Default;

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
        bool cancelled = false;
        // The ETA counts only work done in this invocation (reused stages take no time).
        double workedFraction = 0;
        for (int i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            int index = i, before = runsBefore;
            double fractionAtStart = (double)before / Math.Max(1, runsTotal);
            void Report(StageProgress p, StageRecord? finished = null)
            {
                double fraction = Math.Clamp((before + p.Fraction * runs[index]) / Math.Max(1, runsTotal), 0, 1);
                double worked = workedFraction + (finished is null ? fraction - fractionAtStart : 0);
                TimeSpan? eta = worked > 0.01 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / worked * (1 - fraction)) : null;
                progress?.Report(new ReproduceProgress(stage.Name, stage.Title, index + 1, Stages.Count, before + p.RunsDone, runsTotal,
                    fraction, clock.Elapsed, eta, p.Status, finished));
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
            else
            {
                Report(new StageProgress(0, 0, "starting"));
                var watch = Stopwatch.StartNew();
                try
                {
                    var summary = stage.Run(context, new SyncProgress(p => Report(p)), cancellationToken);
                    record = new StageRecord(stage.Name, StageStatus.Completed, fingerprint, watch.Elapsed.TotalSeconds, summary);
                    workedFraction += (double)runs[index] / Math.Max(1, runsTotal);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    record = new StageRecord(stage.Name, StageStatus.Cancelled, fingerprint, watch.Elapsed.TotalSeconds, "", "cancelled; run the same command again to continue");
                    cancelled = true;
                }
                catch (FrequencyLabException e)
                {
                    record = new StageRecord(stage.Name, StageStatus.Failed, fingerprint, watch.Elapsed.TotalSeconds, "", e.Message);
                }
            }
            manifest = manifest.With(record);
            manifest.Write(layout.Manifest);
            runsBefore += runs[i];
            Report(new StageProgress(runs[i], 1, record.Status.ToString().ToLowerInvariant()), record);
            if (!record.IsDone) break;
        }

        var results = ReproduceResults.Collect(context);
        results.Write(layout.Results);
        var page = ReproducePage.Render(results, manifest, Stages, StudyEnvironment.Capture(), Options);
        AtomicFile.WriteAllText(layout.Index, page);
        return new ReproduceOutcome(manifest, results, layout.Index, cancelled);
    }

    /// <summary>Calls back on the reporting thread (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<StageProgress> report) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => report(value);
    }
}
