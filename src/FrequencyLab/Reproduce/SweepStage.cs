using System.Text.Json;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>The learning rate × init seed sweep (<see cref="SweepRunner"/>: finished points skipped, interrupted ones continued),
/// its runs in the study's run store.</summary>
public sealed class SweepStage : IReproduceStage
{
    public string Name => "sweep";
    public string Title => "learning rate × init seed sweep";
    public int Runs(ReproduceContext context) => context.SweepGrid.Points().Count;

    public IReadOnlyList<Grid.GridRun> PlannedRuns(ReproduceContext context) =>
        [.. context.SweepGrid.Points().Select(p => new Grid.GridRun(p.Name, p.Config))];

    public string Fingerprint(ReproduceContext context) =>
        ReproduceContext.Hash(Name, JsonSerializer.Serialize(context.SweepGrid, HistoryJson.Options));

    public bool OutputsExist(ReproduceContext context) => File.Exists(Path.Combine(context.Layout.Sweep, SweepIndex.FileName));

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var runner = new SweepRunner(context.SweepGrid) { OutputPath = context.Layout.Sweep, StoreFolder = context.Layout.Runs, Workers = context.Options.Jobs };
        var results = runner.Run(new Reporter(progress), cancellationToken);
        if (results.Points.FirstOrDefault(p => p.Status == SweepPointStatus.Failed) is { } failed)
            throw new FrequencyLabException($"sweep point {failed.Point.Name} failed: {failed.Message}");
        if (!results.AllFinished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new FrequencyLabException("the sweep ended with unfinished points");
        }
        int skipped = results.Points.Count(p => p.Skipped);
        return $"{results.Points.Count} points ({skipped} found finished)";
    }

    private sealed class Reporter(IProgress<StageProgress> progress) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress p) => progress.Report(new StageProgress(p.PointsDone,
            p.RowsTotal > 0 ? Math.Clamp((double)p.RowsDone / p.RowsTotal, 0, 1) : 1,
            $"points {p.PointsDone}/{p.PointsTotal}, {p.PointsRunning} running"));
    }
}
