using FrequencyLab.Engines;
using FrequencyLab.Grid;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>
/// Runs every point of a <see cref="SweepGrid"/> as an independent <see cref="StatefulTrainer"/> run, several at once
/// (one worker per core by default), into one run folder per point under a sweep folder with a sweep.json index.
/// </summary>
/// <remarks>
/// <para>The points are named runs of the one grid runner (<see cref="GridRunner"/>): each is exactly the run
/// <c>new StatefulTrainer(point.Config, data).Run()</c> would make, batched with the points over the same rows, so its
/// history is bit-identical to running it alone, whatever the worker count. The rows are generated or read once per
/// distinct data config and shared read-only. With a <see cref="StoreFolder"/> the runs live in that store (a point that is
/// another stage's run is trained once) and sweep.json points to them.</para>
/// <para>Resumable: a point whose folder holds a finished history of the same config is skipped; one with a checkpoint
/// continues from it (a larger epoch count extends it); one whose folder holds a run of other settings stops the sweep before any
/// training with one line naming the difference.</para>
/// <para>Cancellation: running points finish their row, write their checkpoint and end as <see cref="SweepPointStatus.Cancelled"/>;
/// points not started stay <see cref="SweepPointStatus.Pending"/>. Running the sweep again continues both.</para>
/// </remarks>
public sealed class SweepRunner
{
    public SweepGrid Grid { get; }

    /// <summary>The sweep folder (sweep.json and one run folder per point); null runs in memory (nothing written, nothing skipped).</summary>
    public string? OutputPath { get; init; }

    /// <summary>Points trained at once; one per core by default.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Engine construction, as <see cref="StatefulTrainer.CreateEngine"/>; null = <see cref="EngineFactory"/> by the config's name.</summary>
    public Func<TrainingConfig, float[], ITrainingEngine>? CreateEngine { get; init; }

    public SweepRunner(SweepGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid.Validate();
    }

    /// <summary>The run store the points are trained into; null = the sweep folder itself (one run folder per point, named
    /// after it). A study passes its own store, so that a point that is another stage's run is trained once.</summary>
    public string? StoreFolder { get; init; }

    /// <summary>Runs the grid through the one grid runner (<see cref="GridRunner"/>); returns every point's outcome. Throws
    /// <see cref="FrequencyLabException"/> (one line) before any training when the sweep folder or a point's folder holds
    /// something else.</summary>
    public SweepResults Run(IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Workers < 1) throw new InvalidSpecException($"invalid sweep: workers {Workers} must be at least 1");
        var points = Grid.Points();
        string? root = OutputPath is null ? null : Path.GetFullPath(OutputPath);
        if (root is not null) CheckSweepFolder(root, points);
        string? store = StoreFolder is not null ? Path.GetFullPath(StoreFolder) : root;
        var runs = points.Select(p => new GridRun(p.Name, p.Config)).ToArray();
        var results = points.Select(p => new SweepPointResult(p, SweepPointStatus.Pending, null, null, null)).ToArray();
        var gate = new object();

        void WriteIndex()
        {
            if (root is null) return;
            Directory.CreateDirectory(root);
            SweepIndex.Write(Path.Combine(root, SweepIndex.FileName), new SweepIndex
            {
                Grid = Grid,
                Points = results.Select(r => SweepIndexEntry.From(r, r.Folder is null ? r.Point.Name : Path.GetRelativePath(root, r.Folder).Replace('\\', '/'))).ToArray(),
            });
        }

        SweepPointResult From(GridRunResult r) =>
            new(points[Array.IndexOf(runs, r.Run)], r.Status, r.History, r.Folder, r.Message, r.Reused);

        var grid = new GridRunner { StoreFolder = store, Workers = Workers, CreateEngine = CreateEngine }.Run(runs,
            new Diagnostics.InlineProgress<GridProgress>(p =>
            {
                lock (gate)
                {
                    foreach (var r in (p.Reused ?? []).Concat(p.Finished ?? [])) results[Array.IndexOf(runs, r.Run)] = From(r);
                    if (p.Finished is not null || p.RowsDone == 0) WriteIndex();
                    progress?.Report(new SweepProgress(p.RunsDone, p.RunsTotal, p.RunsRunning, p.RowsDone, p.RowsTotal, p.RowsPerSecond, p.Eta,
                        p.Finished is { Count: > 0 } f ? results[Array.IndexOf(runs, f[0].Run)] : null));
                }
            }), cancellationToken);
        lock (gate)
        {
            for (int i = 0; i < runs.Length; i++) results[i] = From(grid.Runs[i]);
            WriteIndex();
        }
        return new SweepResults(Grid, results, root);
    }

    /// <summary>Checks the sweep folder as <see cref="Run"/> does and, when it has no index yet, writes sweep.json with every
    /// point pending, without training: a sweep planned for a cluster, whose tasks train the points and whose collector
    /// (<see cref="Run"/> again, which then finds every point finished) rewrites the index.</summary>
    public void Prepare()
    {
        if (OutputPath is null) throw new InvalidOperationException("a sweep is prepared into a folder: set OutputPath");
        var root = Path.GetFullPath(OutputPath);
        var points = Grid.Points();
        CheckSweepFolder(root, points);
        var index = Path.Combine(root, SweepIndex.FileName);
        // An index of this grid stays as it is (it may hold finished points); one of another grid (the check above allows a
        // larger one, or another epoch count) would not describe what the tasks train.
        if (File.Exists(index) && SameGrid(SweepIndex.Read(index).Grid, Grid)) return;
        Directory.CreateDirectory(root);
        SweepIndex.Write(index, new SweepIndex
        {
            Grid = Grid,
            Points = points.Select(p => SweepIndexEntry.From(new SweepPointResult(p, SweepPointStatus.Pending, null, null, null))).ToArray(),
        });
    }

    /// <summary>Grids compare by content (their lists are lists, not values).</summary>
    private static bool SameGrid(SweepGrid a, SweepGrid b) =>
        System.Text.Json.JsonSerializer.Serialize(a, HistoryJson.Options) == System.Text.Json.JsonSerializer.Serialize(b, HistoryJson.Options);

    /// <summary><see cref="Run"/> on the thread pool.</summary>
    public Task<SweepResults> RunAsync(IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(progress, cancellationToken), CancellationToken.None);

    private void CheckSweepFolder(string root, IReadOnlyList<SweepPoint> points)
    {
        if (!SettingsFolder.Check(root, SweepIndex.FileName, "a sweep")) return;
        var indexPath = Path.Combine(root, SweepIndex.FileName);
        // The points' configs are the grid's base with a grid coordinate changed: a base of other settings (the epoch count
        // aside) makes every point another run, which would sit beside the stored ones under new names.
        var stored = SweepIndex.Read(indexPath).Grid.Base;
        var wantedBase = Grid.Base with { Epochs = stored.Epochs, LearningRate = stored.LearningRate, InitSeed = stored.InitSeed, Reset = stored.Reset,
            Data = Grid.Base.Data with { Order = stored.Data.Order } };
        if (RunDirectory.FirstDifference(stored, wantedBase) is { } difference)
            throw SettingsFolder.OtherSettings(root, "a sweep", difference);
        // sweep.json is rewritten for this grid: a grid that leaves out an indexed point would drop it from the index
        // while its run folder stays. The same grid, a larger one, or another epoch count is fine.
        // A point whose folder holds a different config is refused later, naming the difference (MakePlan).
        var wanted = points.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var old in SweepIndex.Read(indexPath).Points)
            if (!wanted.Contains(old.Name))
                throw new FrequencyLabException($"{root}: holds a sweep with point {old.Name}, which this grid leaves out; run the same or a larger grid, or choose another --out");
    }

}
