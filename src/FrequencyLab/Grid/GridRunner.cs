using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FrequencyLab.Engines;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>
/// The one grid runner: trains a list of named runs (<see cref="GridRun"/>) into a <see cref="RunStore"/>, each distinct
/// run once, and gives every named run its history. The sweep, the claims ledger and the learnability matrix are lists of
/// runs handed to it.
/// </summary>
/// <remarks>
/// <para><b>Once per study.</b> Runs with the same <see cref="RunKey"/> are one stored run, trained to the longest epoch count
/// any of them asks for; the shorter ones read its first epochs (<see cref="RunKey.Prefix"/>), and the store keeps a
/// checkpoint at each of their ends. A run already in the store is reused (or extended, or resumed from its last
/// checkpoint); one whose folder holds another run is refused before any training.</para>
/// <para><b>Batched.</b> Everything still to train goes to one <see cref="BatchedTrainer"/>, longest first: runs over the
/// same rows advance block by block in turn, each exactly as it would alone (bit-identical histories and checkpoints).
/// Rows are generated or read once per distinct data config and shared read-only.</para>
/// <para><b>Interrupted</b> (Ctrl+C): every running run checkpoints at its next row and ends <see cref="SweepPointStatus.Cancelled"/>;
/// runs not started stay <see cref="SweepPointStatus.Pending"/>; running the grid again continues both. After kill -9 each
/// run resumes from its own last checkpoint to the same numbers.</para>
/// </remarks>
public sealed class GridRunner
{
    /// <summary>The store's folder; null trains in memory (nothing written, nothing reused, shorter runs still read the longer).</summary>
    public string? StoreFolder { get; init; }

    /// <summary>Threads advancing runs; one per core by default.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Engine construction, as <see cref="StatefulTrainer.CreateEngine"/>; null = <see cref="EngineFactory"/>.</summary>
    public Func<TrainingConfig, float[], ITrainingEngine>? CreateEngine { get; init; }

    private enum Action { Train, Resume, Reuse }

    /// <summary>One stored run: the longest config of its key and every named run that reads it.</summary>
    private sealed record Unit(int[] Readers, SortedSet<int> EndEpochs)
    {
        /// <summary>The longest reader's config; a stored run's checkpoint interval when the store holds it.</summary>
        public required TrainingConfig Config { get; set; }
        public string? Folder { get; set; }
        public Action Action { get; set; }
        public TrainingHistory? Stored { get; set; }
    }

    /// <summary>Trains what <paramref name="runs"/> need and returns one result per run, in their order.</summary>
    /// <exception cref="FrequencyLabException">A run's config is invalid, a name is used twice, or a folder of the store holds
    /// something else (one line, before any training).</exception>
    public GridResults Run(IReadOnlyList<GridRun> runs, IProgress<GridProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (Workers < 1) throw new InvalidSpecException($"invalid grid: workers {Workers} must be at least 1");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            RunStore.CheckName(run.Name);
            if (!names.Add(run.Name)) throw new InvalidSpecException($"invalid grid: run name {run.Name} is used twice");
            run.Config.Validate(ownEngine: CreateEngine is not null);
        }

        var units = runs.Select((r, i) => (Key: RunKey.Of(r.Config), Index: i))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var readers = g.Select(x => x.Index).ToArray();
                var longest = readers.Select(i => runs[i].Config).MaxBy(c => c.Epochs)!;
                return new Unit(readers, new SortedSet<int>(readers.Select(i => runs[i].Config.Epochs))) { Config = longest };
            }).ToArray();

        var store = StoreFolder is null ? null : RunStore.Open(StoreFolder);
        foreach (var unit in units) Plan(unit, store, runs);

        var data = new ConcurrentDictionary<string, Lazy<TrainingData>>(StringComparer.Ordinal);
        TrainingData DataOf(TrainingConfig c) =>
            data.GetOrAdd(JsonSerializer.Serialize(c.Data, HistoryJson.CompactOptions), _ => new Lazy<TrainingData>(() => TrainingData.Load(c.Data))).Value;

        var results = new GridRunResult?[runs.Count];
        foreach (var unit in units.Where(u => u.Action == Action.Reuse))
            foreach (var i in unit.Readers) results[i] = Result(runs[i], unit.Stored!, unit.Folder, reused: true);
        var pending = units.Where(u => u.Action != Action.Reuse)
            .OrderByDescending(u => Cost(u))
            .ToArray();
        var session = new Roll(runs.Count, units.Where(u => u.Action == Action.Reuse).Sum(u => u.Readers.Length), progress);
        foreach (var unit in pending)
            session.Plan(RunCost.RowsPerEpoch(unit.Config) * (unit.Config.Epochs - (unit.Stored?.Epochs.Count ?? 0)));
        session.Report(null, [.. results.Where(r => r is not null).Select(r => r!)]);

        var reporters = new UnitProgress[pending.Length];
        var starts = pending.Select((unit, k) => (Func<TrainingSession>)(() =>
        {
            var rows = DataOf(unit.Config);
            reporters[k] = new UnitProgress(session, unit.Stored?.Epochs.Count ?? 0, rows);
            session.Started();
            RunDirectory? dir = null;
            Checkpoint? checkpoint = null;
            if (unit.Folder is not null)
            {
                if (!Directory.Exists(unit.Folder) || !File.Exists(Path.Combine(unit.Folder, RunDirectory.ConfigFile)))
                    dir = RunDirectory.CreateNew(unit.Folder, unit.Config);
                else
                {
                    dir = RunDirectory.OpenExisting(unit.Folder, unit.Config);
                    // Everything checked before the folder changes; a restart only where no epoch would be lost.
                    checkpoint = dir.PrepareResume(unit.Config, rows);
                    if (checkpoint is not null) reporters[k].SkipRows(checkpoint.Trainer.Row);
                }
            }
            var trainer = new StatefulTrainer(unit.Config, rows, CreateEngine) { Output = dir, KeepCheckpointsAt = unit.EndEpochs };
            return checkpoint is null ? trainer.Start(reporters[k], cancellationToken) : trainer.StartResume(checkpoint, reporters[k], cancellationToken);
        })).ToArray();

        var batch = new BatchedTrainer { Workers = Workers };
        batch.Run(starts, (k, outcome) =>
        {
            var unit = pending[k];
            var finished = unit.Readers.Select(i => outcome.History is { } h
                ? Result(runs[i], h, unit.Folder, reused: RunKey.Covers(unit.Stored, runs[i].Config.Epochs))
                : new GridRunResult(runs[i], SweepPointStatus.Failed, null, unit.Folder, outcome.Error)).ToArray();
            foreach (var (i, r) in unit.Readers.Zip(finished)) results[i] = r;
            session.Finished(finished, reporters[k]?.Units ?? 0, RunCost.RowsPerEpoch(unit.Config) * (unit.Config.Epochs - (unit.Stored?.Epochs.Count ?? 0)));
        }, cancellationToken);

        var all = results.Select((r, i) => r ?? new GridRunResult(runs[i], SweepPointStatus.Pending, null,
            pending.FirstOrDefault(u => u.Readers.Contains(i))?.Folder, null)).ToArray();
        return new GridResults(all, store?.Root);
    }

    private static GridRunResult Result(GridRun run, TrainingHistory stored, string? folder, bool reused)
    {
        var history = RunKey.Prefix(stored, run.Config);
        return new GridRunResult(run, GridRunResult.StatusOf(history.Stop), history, folder, history.StopMessage, reused, stored.Epochs.Count);
    }

    private static void Plan(Unit unit, RunStore? store, IReadOnlyList<GridRun> runs)
    {
        unit.Action = Action.Train;
        if (store is null) return;
        unit.Folder = store.Locate(unit.Config, runs[unit.Readers[0]].Name);
        var configPath = Path.Combine(unit.Folder, RunDirectory.ConfigFile);
        if (!IO.SettingsFolder.Check(unit.Folder, RunDirectory.ConfigFile, "a run")) return;
        var stored = HistoryJson.ReadConfig(configPath);
        // The stored run keeps its checkpoint interval (it changes no number; the key leaves it out).
        unit.Config = unit.Config with { CheckpointEvery = stored.CheckpointEvery };
        if (RunDirectory.FirstDifference(stored, unit.Config with { Epochs = stored.Epochs, Engine = stored.Engine }) is { } difference)
            throw IO.SettingsFolder.OtherSettings(unit.Folder, "a run", difference);
        var historyPath = Path.Combine(unit.Folder, "history.json");
        var history = File.Exists(historyPath) ? HistoryJson.Read(historyPath) : null;
        unit.Stored = history;
        unit.Action = RunKey.Covers(history, unit.Config.Epochs) ? Action.Reuse : Action.Resume;
    }

    /// <summary>Relative cost of what is left, to start long runs first (<see cref="RunCost"/>).</summary>
    private static double Cost(Unit u) => (u.Config.Epochs - (u.Stored?.Epochs.Count ?? 0)) * RunCost.PerEpoch(u.Config);

    /// <summary>The shared state of one <see cref="Run"/>'s progress, under one lock.</summary>
    private sealed class Roll(int total, int reused, IProgress<GridProgress>? progress)
    {
        private readonly object _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _rowsDone, _rowsTotal;
        private int _done = reused, _running;

        public void Plan(long rows) => _rowsTotal += Math.Max(rows, 0);

        public void Started()
        {
            lock (_gate) { _running++; Report(null); }
        }

        public void Advance(long rows)
        {
            lock (_gate) { _rowsDone += rows; Report(null); }
        }

        public void Finished(IReadOnlyList<GridRunResult> results, long rowsDone, long rowsPlanned)
        {
            lock (_gate)
            {
                _done += results.Count;
                if (results.Any(r => r.Status != SweepPointStatus.Pending)) _running = Math.Max(_running - 1, 0);
                // Early stopping or a cancel ends a run before its planned rows: the ETA should not wait for them.
                _rowsTotal -= Math.Max(rowsPlanned - rowsDone, 0);
                Report(results);
            }
        }

        public void Report(IReadOnlyList<GridRunResult>? finished, IReadOnlyList<GridRunResult>? reused = null)
        {
            if (progress is null) return;
            lock (_gate)
            {
                double seconds = _clock.Elapsed.TotalSeconds;
                double rate = seconds > 0 ? _rowsDone / seconds : 0;
                TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds(Math.Max(_rowsTotal - _rowsDone, 0) / rate) : null;
                progress.Report(new GridProgress(_done, total, _running, _rowsDone, _rowsTotal, rate, eta, finished, reused));
            }
        }
    }

    /// <summary>Turns one run's trainer reports into rows done for the whole grid.</summary>
    private sealed class UnitProgress(Roll roll, int completedEpochs, TrainingData data) : IProgress<TrainingProgress>
    {
        private readonly long _perEpoch = 2L * data.Train.Count + data.Test.Count;
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
                TrainingPhase.EvaluatingBoth => _trainRows + p.Row,
                _ => _perEpoch,
            };
            long units = Math.Max(epochBase + within - _skip, 0);
            if (units <= Units) return;
            long delta = units - Units;
            Units = units;
            roll.Advance(delta);
        }
    }
}
