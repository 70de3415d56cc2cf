using System.Diagnostics;
using System.Text.Json;
using FrequencyLab.Engines;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>
/// Runs every point of a <see cref="SweepGrid"/> as an independent <see cref="StatefulTrainer"/> run, several at once
/// (one worker per core by default), into one run folder per point under a sweep folder with a sweep.json index.
/// </summary>
/// <remarks>
/// <para>Each point is exactly the run <c>new StatefulTrainer(point.Config, data).Run()</c> would make — the same engine,
/// the same kernels, in the same order — so its history is bit-identical to running it alone, whatever the worker count.
/// Parallelism is across points (one whole run per worker thread), not inside a step.</para>
/// <para>The rows are generated or read once per distinct data config (i.e. once per row order) and shared read-only by
/// every worker.</para>
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

    private enum Action { Fresh, Resume, Restart, Skip }

    private sealed record Plan(SweepPoint Point, Action Action, string? Folder, TrainingHistory? Existing);

    /// <summary>Runs the grid; returns every point's outcome. Throws <see cref="FrequencyLabException"/> (one line) before any
    /// training when the sweep folder or a point's folder holds something else.</summary>
    public SweepResults Run(IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Workers < 1) throw new InvalidSpecException($"invalid sweep: workers {Workers} must be at least 1");
        var points = Grid.Points();
        string? root = OutputPath is null ? null : Path.GetFullPath(OutputPath);
        if (root is not null) CheckSweepFolder(root, points);
        var plans = points.Select(p => MakePlan(p, root)).ToArray();

        // Rows once per distinct data config, shared read-only by all workers.
        var data = new Dictionary<string, TrainingData>(StringComparer.Ordinal);
        foreach (var plan in plans.Where(p => p.Action != Action.Skip))
        {
            var key = DataKey(plan.Point.Config);
            if (!data.ContainsKey(key)) data[key] = TrainingData.Load(plan.Point.Config.Data);
        }

        var results = plans.Select(p => p.Action == Action.Skip
            ? new SweepPointResult(p.Point, StatusOf(p.Existing!), p.Existing, p.Folder, p.Existing!.StopMessage, Skipped: true)
            : new SweepPointResult(p.Point, SweepPointStatus.Pending, p.Existing, p.Folder, null)).ToArray();
        var session = new Session(this, root, results, progress);
        foreach (var (plan, i) in plans.Select((p, i) => (p, i)).Where(x => x.p.Action != Action.Skip))
        {
            var d = data[DataKey(plan.Point.Config)];
            session.AddPlanned(i, (plan.Point.Config.Epochs - (plan.Existing?.Epochs.Count ?? 0)) * UnitsPerEpoch(d));
        }
        if (root is not null)
        {
            Directory.CreateDirectory(root);
            session.WriteIndex();
        }
        session.Report(null);

        var pending = Enumerable.Range(0, plans.Length).Where(i => plans[i].Action != Action.Skip).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(Workers, pending.Length)) };
        Parallel.ForEach(pending, options, i => RunPoint(plans[i], i, data[DataKey(plans[i].Point.Config)], session, cancellationToken));
        return new SweepResults(Grid, results, root);
    }

    /// <summary><see cref="Run"/> on the thread pool.</summary>
    public Task<SweepResults> RunAsync(IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(progress, cancellationToken), CancellationToken.None);

    private void RunPoint(Plan plan, int index, TrainingData data, Session session, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return; // stays Pending; the next run starts it
        var point = plan.Point;
        session.Started(index);
        var reporter = new PointProgress(session, plan.Existing?.Epochs.Count ?? 0, data);
        SweepPointResult result;
        try
        {
            RunDirectory? run = null;
            Checkpoint? checkpoint = null;
            if (plan.Folder is not null)
            {
                if (plan.Action == Action.Fresh) run = RunDirectory.CreateNew(plan.Folder, point.Config);
                else
                {
                    run = RunDirectory.OpenExisting(plan.Folder, point.Config);
                    // Everything checked before the folder changes; a restart only where no epoch would be lost.
                    checkpoint = run.PrepareResume(point.Config, data);
                    if (checkpoint is not null) reporter.SkipRows(checkpoint.Trainer.Row);
                }
            }
            var trainer = new StatefulTrainer(point.Config, data, CreateEngine) { Output = run };
            var history = checkpoint is null ? trainer.Run(reporter, ct) : trainer.Resume(checkpoint, reporter, ct);
            result = new SweepPointResult(point, StatusOf(history), history, plan.Folder, history.StopMessage);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = e is FrequencyLabException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            result = new SweepPointResult(point, SweepPointStatus.Failed, null, plan.Folder, message.Split('\n')[0].Trim());
        }
        session.Finished(index, result, reporter.Units);
    }

    private static SweepPointStatus StatusOf(TrainingHistory h) => h.Stop switch
    {
        StopReason.Completed => SweepPointStatus.Completed,
        StopReason.EarlyStopping => SweepPointStatus.EarlyStopping,
        StopReason.NonFinite => SweepPointStatus.NonFinite,
        StopReason.Cancelled => SweepPointStatus.Cancelled,
        _ => SweepPointStatus.Cancelled,
    };

    private static void CheckSweepFolder(string root, IReadOnlyList<SweepPoint> points)
    {
        if (!SettingsFolder.Check(root, SweepIndex.FileName, "a sweep")) return;
        var indexPath = Path.Combine(root, SweepIndex.FileName);
        // sweep.json is rewritten for this grid: a grid that leaves out an indexed point would drop it from the index
        // while its run folder stays. The same grid, a larger one, or another epoch count is fine.
        // A point whose folder holds a different config is refused later, naming the difference (MakePlan).
        var wanted = points.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var old in SweepIndex.Read(indexPath).Points)
            if (!wanted.Contains(old.Name))
                throw new FrequencyLabException($"{root}: holds a sweep with point {old.Name}, which this grid leaves out; run the same or a larger grid, or choose another --out");
    }

    private static Plan MakePlan(SweepPoint point, string? root)
    {
        if (root is null) return new Plan(point, Action.Fresh, null, null);
        var folder = Path.Combine(root, point.Name);
        if (!SettingsFolder.Check(folder, RunDirectory.ConfigFile, "a run")) return new Plan(point, Action.Fresh, folder, null);
        var stored = HistoryJson.ReadConfig(Path.Combine(folder, RunDirectory.ConfigFile));
        if (RunDirectory.FirstDifference(stored, point.Config with { Epochs = stored.Epochs }) is { } difference)
            throw SettingsFolder.OtherSettings(folder, "a run", difference);
        var historyPath = Path.Combine(folder, "history.json");
        var history = File.Exists(historyPath) ? HistoryJson.Read(historyPath) : null;
        bool finished = history is not null && (history.Stop is StopReason.EarlyStopping or StopReason.NonFinite
            || (history.Stop == StopReason.Completed && history.Epochs.Count >= point.Config.Epochs));
        if (finished) return new Plan(point, Action.Skip, folder, history);
        bool hasCheckpoint = File.Exists(Path.Combine(folder, "checkpoints", "last.safetensors"));
        return hasCheckpoint ? new Plan(point, Action.Resume, folder, history) : new Plan(point, Action.Restart, folder, null);
    }

    private static string DataKey(TrainingConfig c) => JsonSerializer.Serialize(c.Data, HistoryJson.CompactOptions);

    /// <summary>Rows one epoch processes: training, then the frozen passes over train and test.</summary>
    private static long UnitsPerEpoch(TrainingData d) => 2L * d.Train.Count + d.Test.Count;

    /// <summary>The shared state of one <see cref="Run"/>: results, index writes and progress, each under one lock.</summary>
    private sealed class Session(SweepRunner runner, string? root, SweepPointResult[] results, IProgress<SweepProgress>? progress)
    {
        private readonly object _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly long[] _planned = new long[results.Length];
        private long _rowsDone, _rowsTotal;
        private int _running;

        public void AddPlanned(int index, long units)
        {
            _planned[index] = Math.Max(units, 0);
            _rowsTotal += _planned[index];
        }

        public void Started(int index)
        {
            lock (_gate)
            {
                results[index] = results[index] with { Status = SweepPointStatus.Running };
                _running++;
                WriteIndex();
                Report(null);
            }
        }

        public void Advance(long rows)
        {
            lock (_gate)
            {
                _rowsDone += rows;
                Report(null);
            }
        }

        public void Finished(int index, SweepPointResult result, long unitsDone)
        {
            lock (_gate)
            {
                results[index] = result;
                _running--;
                // Early stopping or a cancel ends a point before its planned rows: the ETA should not wait for them.
                _rowsTotal -= Math.Max(_planned[index] - unitsDone, 0);
                WriteIndex();
                Report(result);
            }
        }

        public void WriteIndex()
        {
            if (root is null) return;
            lock (_gate)
                SweepIndex.Write(Path.Combine(root, SweepIndex.FileName),
                    new SweepIndex { Grid = runner.Grid, Points = results.Select(SweepIndexEntry.From).ToArray() });
        }

        public void Report(SweepPointResult? finished)
        {
            if (progress is null) return;
            lock (_gate)
            {
                double seconds = _clock.Elapsed.TotalSeconds;
                double rate = seconds > 0 ? _rowsDone / seconds : 0;
                TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds(Math.Max(_rowsTotal - _rowsDone, 0) / rate) : null;
                int done = results.Count(r => r.Status is not (SweepPointStatus.Pending or SweepPointStatus.Running));
                progress.Report(new SweepProgress(done, results.Length, _running, _rowsDone, _rowsTotal, rate, eta, finished));
            }
        }
    }

    /// <summary>Turns one trainer's reports into rows done for the whole grid.</summary>
    private sealed class PointProgress(Session session, int completedEpochs, TrainingData data) : IProgress<TrainingProgress>
    {
        private readonly long _perEpoch = UnitsPerEpoch(data);
        private readonly long _trainRows = data.Train.Count;
        private long _skip;
        public long Units { get; private set; }

        /// <summary>A resumed run reports rows from the epoch start; the first <paramref name="rows"/> were done before.</summary>
        public void SkipRows(long rows) => _skip = rows;

        public void Report(TrainingProgress p)
        {
            long epochBase = (p.Epoch - 1 - completedEpochs) * _perEpoch;
            long within = p.Phase switch
            {
                TrainingPhase.Training => p.Row,
                TrainingPhase.EvaluatingTrain => _trainRows + p.Row,
                TrainingPhase.EvaluatingTest => 2 * _trainRows + p.Row,
                _ => _perEpoch,
            };
            long units = Math.Max(epochBase + within - _skip, 0);
            if (units <= Units) return;
            long delta = units - Units;
            Units = units;
            session.Advance(delta);
        }
    }
}
