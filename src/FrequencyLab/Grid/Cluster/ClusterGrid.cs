using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Grid.Cluster;

/// <summary>One task's state as <c>freqlab grid status</c> reports it.</summary>
/// <param name="Index">The task.</param>
/// <param name="Runs">Its run names.</param>
/// <param name="State">Done when its run folders hold every run finished, whatever its status file says; otherwise from its
/// status file and the queue.</param>
/// <param name="EpochsDone">Epochs on disk over its runs.</param>
/// <param name="EpochsTotal">Epochs its runs ask for.</param>
/// <param name="Log">Its Slurm log, when it ran under Slurm.</param>
/// <param name="Message">Why it failed, one line.</param>
public sealed record GridTaskReport(int Index, IReadOnlyList<string> Runs, GridTaskState State, int EpochsDone, int EpochsTotal, string? Log, string? Message);

/// <summary>
/// A grid planned into a folder (<see cref="GridPlan"/>) and run as independent tasks, e.g. the elements of a Slurm job array:
/// one task trains its runs with the one grid runner into the folder's run store (the folders a local run writes), the
/// status reads the run folders, and the collector rebuilds the index the local run writes.
/// </summary>
public sealed class ClusterGrid
{
    public string Folder { get; }
    public GridPlan Plan { get; }

    private ClusterGrid(string folder, GridPlan plan) => (Folder, Plan) = (folder, plan);

    /// <summary>The grid planned into <paramref name="folder"/>.</summary>
    /// <exception cref="FrequencyLabException">No plan there, or not a plan (one line).</exception>
    public static ClusterGrid Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!File.Exists(GridPlan.PathIn(full)))
            throw new FrequencyLabException($"{IO.JsonFile.Printable(full)}: no grid planned here (no {GridPlan.Folder}/{GridPlan.FileName}); plan one with freqlab sweep … --out DIR --slurm");
        return new ClusterGrid(full, GridPlan.Read(full));
    }

    /// <summary>Trains task <paramref name="index"/>: resumes from each run's last checkpoint, skips what is finished, and records
    /// the task's state in its own status file. Returns the runner's results.</summary>
    /// <param name="index">The task.</param>
    /// <param name="workers">Runs trained at once.</param>
    /// <param name="job">Slurm's "ARRAYJOB_TASK" and log path, when run by Slurm.</param>
    /// <param name="cancellationToken">A signal: running runs checkpoint at their next row and the task ends Interrupted.</param>
    public GridResults RunTask(int index, int workers, (string Id, string Log)? job = null, CancellationToken cancellationToken = default)
    {
        if (index < 0 || index >= Plan.Tasks.Count)
            throw new FrequencyLabException($"{IO.JsonFile.Printable(Folder)}: task {index} is not a task of this grid (0 … {Plan.Tasks.Count - 1})");
        var task = Plan.Tasks[index];
        int attempt = (GridTaskStatus.Read(Folder, index)?.Attempt ?? 0) + 1;
        void Record(GridTaskState state, string? message) =>
            GridTaskStatus.Write(Folder, new GridTaskStatus(index, state, attempt, job?.Id, job?.Log, DateTime.UtcNow, message));

        Record(GridTaskState.Running, null);
        GridResults results;
        try
        {
            results = new GridRunner { StoreFolder = Folder, Workers = workers }.Run(task.Runs, null, cancellationToken);
        }
        catch (FrequencyLabException e)
        {
            Record(GridTaskState.Failed, e.Message);
            throw;
        }
        if (results.FirstFailure is { } failed) Record(GridTaskState.Failed, $"run {failed.Run.Name}: {failed.Message}");
        else if (results.AllFinished) Record(GridTaskState.Done, null);
        else Record(GridTaskState.Interrupted, "stopped by a signal after checkpointing; the same task continues it");
        return results;
    }

    /// <summary>Every task's state: done from the run folders; otherwise its status file, corrected by the queue when
    /// <paramref name="queue"/> knows the task (queued or running), and failed when it recorded running but the queue no
    /// longer has it (cancelled, timed out, node lost).</summary>
    /// <param name="queue">Task index → state from the scheduler (Pending or Running); null when no scheduler answered.</param>
    public IReadOnlyList<GridTaskReport> Status(IReadOnlyDictionary<int, GridTaskState>? queue = null)
    {
        var store = RunStore.Open(Folder);
        var reports = new List<GridTaskReport>();
        foreach (var task in Plan.Tasks)
        {
            int done = 0, total = 0;
            bool finished = true;
            foreach (var run in task.Runs)
            {
                total += run.Config.Epochs;
                var history = StoredHistory(store, run);
                if (history is null) { finished = false; continue; }
                var prefix = RunKey.Prefix(history, run.Config);
                done += prefix.Epochs.Count;
                if (!RunKey.Covers(history, run.Config.Epochs)) finished = false;
            }
            var status = GridTaskStatus.Read(Folder, task.Index);
            var names = task.Runs.Select(r => r.Name).ToArray();
            GridTaskState state;
            string? message = status?.Message;
            if (finished) (state, message) = (GridTaskState.Done, null);
            else if (queue is not null && queue.TryGetValue(task.Index, out var queued)) state = queued;
            else if (status is null) state = GridTaskState.Pending;
            else if (status.State is GridTaskState.Running or GridTaskState.Interrupted or GridTaskState.Done && queue is not null)
                (state, message) = (GridTaskState.Failed, $"stopped at epoch {done} of {total} and is not queued (cancelled, out of time or node lost); resubmit it: sbatch --array={task.Index} {Path.Combine(GridPlan.SlurmFolder(Folder), SlurmScript.FileName)}");
            else state = status.State;
            reports.Add(new GridTaskReport(task.Index, names, state, done, total, status?.Log, message));
        }
        return reports;
    }

    /// <summary>Rebuilds the grid's index and results from its run folders exactly as a local run writes them (the same runner,
    /// which finds every run finished and trains nothing).</summary>
    /// <exception cref="FrequencyLabException">A task is not done (one line: the first one, its state, message and log).</exception>
    public SweepResults Collect(IReadOnlyDictionary<int, GridTaskState>? queue = null)
    {
        var notDone = Status(queue).Where(t => t.State != GridTaskState.Done).ToArray();
        if (notDone.Length > 0)
        {
            var first = notDone[0];
            var why = first.Message is null ? "" : $": {first.Message}";
            var log = first.Log is null ? "" : $" (log: {first.Log})";
            throw new FrequencyLabException($"{IO.JsonFile.Printable(Folder)}: {notDone.Length} of {Plan.Tasks.Count} tasks not done; task {first.Index} is {first.State.ToString().ToLowerInvariant()}{why}{log}; nothing was collected");
        }
        return new SweepRunner(Plan.Sweep!) { OutputPath = Folder, Workers = 1 }.Run();
    }

    private static TrainingHistory? StoredHistory(RunStore store, GridRun run)
    {
        var folder = store.Locate(run.Config, run.Name);
        var path = Path.Combine(folder, "history.json");
        return File.Exists(path) ? HistoryJson.Read(path) : null;
    }
}
