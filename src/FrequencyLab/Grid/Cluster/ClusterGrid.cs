using System.Globalization;
using FrequencyLab.Claims;
using FrequencyLab.Learnability;
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

/// <summary>What <see cref="ClusterGrid.Collect"/> wrote: the grid's kind, its index file (sweep.json, claims.json or the
/// matrix's results.json), one line per run, claim or cell, and the kind's own results (the one the kind has, the others null).</summary>
public sealed record GridCollection(string Kind, string Index, int Runs, IReadOnlyList<string> Lines)
{
    public SweepResults? Sweep { get; init; }
    public IReadOnlyList<ClaimVerdict>? Claims { get; init; }
    public LearnabilityResults? Learnability { get; init; }
}

/// <summary>
/// A grid planned into a folder (<see cref="GridPlan"/>: a sweep, a claims ledger or a learnability matrix) and run as
/// independent tasks, e.g. the elements of a Slurm job array: one task trains its runs with the one grid runner into the run
/// store the local verb uses (<see cref="GridPlan.StoreIn"/>), the status reads the run folders, and the collector rebuilds
/// the index the local verb writes by running that verb's own code, which finds every run finished.
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
            throw new FrequencyLabException($"{IO.JsonFile.Printable(full)}: no grid planned here (no {GridPlan.Folder}/{GridPlan.FileName}); plan one with freqlab sweep|claims|learnability … --out DIR --slurm");
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
            results = new GridRunner { StoreFolder = Plan.StoreIn(Folder), Workers = workers }.Run(task.Runs, null, cancellationToken);
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

    /// <summary>Checks <paramref name="folder"/> as the local verb does before it trains and writes what that verb writes first
    /// (the sweep's pending index, the ledger's runs folder with its ledger.json, the matrix's settings.json and runs/), so a
    /// folder holding another grid is refused with one line before anything is planned into it.</summary>
    public static void PrepareFolder(string folder, GridPlan plan)
    {
        switch (plan.Kind)
        {
            case GridPlan.SweepKind:
                new SweepRunner(plan.Sweep!) { OutputPath = folder }.Prepare();
                break;
            case GridPlan.LedgerKind:
                if (File.Exists(folder)) throw IO.SettingsFolder.IsFile(folder, "a claims ledger");
                LedgerRunsFolder.Record(plan.Ledger!.StoreIn(folder), plan.Ledger.Settings);
                break;
            default:
                new LearnabilityMatrix(plan.Learnability!) { OutputFolder = Path.GetFullPath(folder) }.PrepareFolder();
                break;
        }
    }

    /// <summary>Submits the grid's script with <c>sbatch</c> — the whole array its <c>#SBATCH --array</c> line names, or the
    /// elements <paramref name="array"/> names (e.g. "3" to resubmit task 3) — and records the submission
    /// (<see cref="SlurmSubmission"/>), so the status can tell an element that never started.</summary>
    /// <exception cref="FrequencyLabException">sbatch is missing or refused the script (one line).</exception>
    public SlurmSubmission Submit(SlurmArray? array = null)
    {
        var script = SlurmScript.PathIn(Folder);
        var job = SlurmCommands.Submit(script, array is null ? [] : [$"--array={array.Spec}"]);
        try { return RecordSubmission(job, array); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The job is in the queue either way: say its id and how to record it once the folder is writable.
            throw new FrequencyLabException($"submitted job {job}, but could not record it in {IO.JsonFile.Printable(SlurmSubmission.FolderOf(Folder))}: {IO.JsonFile.Printable(e.Message)}; record it with: freqlab grid status {IO.JsonFile.Printable(Folder)} --job {job}{(array is null ? "" : $" --array {array.Spec}")}");
        }
    }

    /// <summary>Records that job <paramref name="jobId"/> is a submission of the grid's script (submitted by hand with
    /// <c>sbatch</c>) of the elements <paramref name="array"/> names, or, when null, of the whole array the script's
    /// <c>#SBATCH --array</c> line names (what sbatch submits without an --array of its own).</summary>
    /// <exception cref="FrequencyLabException">Not a job id, or the script has no array line (one line).</exception>
    public SlurmSubmission RecordSubmission(string jobId, SlurmArray? array = null)
    {
        if (!SlurmSubmission.IsJobId(jobId)) throw new FrequencyLabException($"'{IO.JsonFile.Printable(jobId)}' is not a Slurm job id (the number sbatch printed)");
        var submission = new SlurmSubmission(jobId, (array ?? SlurmScript.ArrayIn(Folder)).Spec, DateTime.UtcNow, SlurmScript.PathIn(Folder));
        SlurmSubmission.Write(Folder, submission);
        return submission;
    }

    /// <summary>The Slurm job ids ("ARRAYJOB_TASK") to ask <c>sacct</c> about: those the tasks' status files record, and,
    /// for a task without one, its element of the newest recorded submission that has it.</summary>
    public IReadOnlyList<string> RecordedJobs()
    {
        var submissions = SlurmSubmission.ReadAll(Folder);
        return [.. Plan.Tasks.Select(t => GridTaskStatus.Read(Folder, t.Index)?.JobId ?? SlurmSubmission.NewestCovering(submissions, t.Index)?.ElementId(t.Index))
            .OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every task's state: done from the run folders; otherwise its status file, corrected by the queue when
    /// <paramref name="queue"/> knows the task (queued or running), failed with Slurm's own state and exit code when
    /// <paramref name="accounting"/> says its last job ended FAILED, TIMEOUT, CANCELLED, …, and failed when it recorded running
    /// but the queue no longer has it (cancelled, timed out, node lost). A task that never wrote a status file (it never
    /// started) is judged by its element of the newest recorded submission that has it (<see cref="SlurmSubmission"/>):
    /// failed "never started" when accounting says that element ended, or when the queue answered without it; pending
    /// when nothing recorded submitting it (e.g. a script-only grid) or no scheduler answered.</summary>
    /// <param name="queue">Task index → state from the scheduler (Pending or Running); null when no scheduler answered.</param>
    /// <param name="accounting">Job id ("ARRAYJOB_TASK") → its accounting record (<see cref="SlurmCommands.Accounting"/>);
    /// null when sacct is missing or has no accounting storage.</param>
    public IReadOnlyList<GridTaskReport> Status(IReadOnlyDictionary<int, GridTaskState>? queue = null, IReadOnlyDictionary<string, SlurmJobState>? accounting = null)
    {
        var store = RunStore.Open(Plan.StoreIn(Folder));
        var submissions = SlurmSubmission.ReadAll(Folder);
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
            string? message = status?.Message, log = status?.Log;
            if (finished) (state, message) = (GridTaskState.Done, null);
            else if (queue is not null && queue.TryGetValue(task.Index, out var queued)) state = queued;
            else if (status is null) (state, message, log) = NeverStarted(task.Index, SlurmSubmission.NewestCovering(submissions, task.Index), queue, accounting);
            else if (status.JobId is { } job && accounting is not null && accounting.TryGetValue(job, out var ended) && ended.IsFailure)
                (state, message) = (GridTaskState.Failed, F($"Slurm job {job} ended {ended.State} (exit {ended.ExitCode}){(status.State == GridTaskState.Failed && status.Message is { } m ? $": {m}" : "")}; resubmit it: {Resubmit(task.Index)}"));
            else if (status.State is GridTaskState.Running or GridTaskState.Interrupted or GridTaskState.Done && queue is not null)
                (state, message) = (GridTaskState.Failed, $"stopped at epoch {done} of {total} and is not queued (cancelled, out of time or node lost); resubmit it: {Resubmit(task.Index)}");
            else state = status.State;
            reports.Add(new GridTaskReport(task.Index, names, state, done, total, log, message));
        }
        return reports;
    }

    /// <summary>A task with no status file and not queued: what its element of <paramref name="submission"/> became.</summary>
    private (GridTaskState, string?, string?) NeverStarted(int index, SlurmSubmission? submission, IReadOnlyDictionary<int, GridTaskState>? queue,
        IReadOnlyDictionary<string, SlurmJobState>? accounting)
    {
        if (submission is null) return (GridTaskState.Pending, null, null);
        var element = submission.ElementId(index);
        // Where the script's --output puts the element's log: a task that could not start (no dotnet, a node lost) says why
        // there; one cancelled while pending never had one.
        var log = Path.Combine(GridPlan.SlurmFolder(Folder), $"{element}.log");
        if (accounting is not null && accounting.TryGetValue(element, out var ended) && ended.IsFailure)
            return (GridTaskState.Failed, F($"never started: Slurm job {element} ended {ended.State} (exit {ended.ExitCode}); resubmit it: {Resubmit(index)}"), log);
        if (queue is not null)
            return (GridTaskState.Failed, $"never started and no longer queued (cancelled before it ran, or it could not start: see its log if it has one); resubmit it: {Resubmit(index)}", log);
        return (GridTaskState.Pending, null, null);
    }

    private string Resubmit(int index) => F($"sbatch --array={index} {SlurmScript.PathIn(Folder)}");

    /// <summary>Rebuilds the grid's index and results from its run folders exactly as the local verb writes them, by running the
    /// verb's own code, which finds every run finished and trains nothing: the sweep's runner (sweep.json), the claims ledger
    /// (DIR/claims.json), the learnability matrix (DIR/results.json).</summary>
    /// <exception cref="FrequencyLabException">A task is not done (one line: the first one, its state, message and log).</exception>
    public GridCollection Collect(IReadOnlyDictionary<int, GridTaskState>? queue = null, IReadOnlyDictionary<string, SlurmJobState>? accounting = null)
    {
        var notDone = Status(queue, accounting).Where(t => t.State != GridTaskState.Done).ToArray();
        if (notDone.Length > 0)
        {
            var first = notDone[0];
            var why = first.Message is null ? "" : $": {first.Message}";
            var log = first.Log is null ? "" : $" (log: {first.Log})";
            throw new FrequencyLabException($"{IO.JsonFile.Printable(Folder)}: {notDone.Length} of {Plan.Tasks.Count} tasks not done; task {first.Index} is {first.State.ToString().ToLowerInvariant()}{why}{log}; nothing was collected");
        }
        int runs = Plan.Runs.Count();
        switch (Plan.Kind)
        {
            case GridPlan.SweepKind:
            {
                var results = new SweepRunner(Plan.Sweep!) { OutputPath = Folder, Workers = 1 }.Run();
                var lines = results.Points.Select(p =>
                {
                    var e = SweepIndexEntry.From(p);
                    return F($"{p.Point.Name}: {Name(p.Status)}, {e.EpochsCompleted} epochs, train {e.FinalTrainLoss:G5}, frozen test {e.FinalFrozenTestMse:G5}");
                }).ToArray();
                return new GridCollection(Plan.Kind, Path.Combine(Folder, SweepIndex.FileName), runs, lines) { Sweep = results };
            }
            case GridPlan.LedgerKind:
            {
                // As freqlab claims --out DIR: the ledger over DIR/runs, then DIR/claims.json.
                var ledger = Plan.Ledger!;
                var verdicts = new ClaimsLedger(ledger.Settings).Run(ledger.Claims, LedgerPlan.RunsRoot(Folder));
                var path = ClaimsJson.Write(Folder, verdicts);
                var lines = verdicts.Select(v => $"{v.Claim.Id}: {v.Finding.VerdictText}").ToArray();
                return new GridCollection(Plan.Kind, path, runs, lines) { Claims = verdicts };
            }
            default:
            {
                // As freqlab learnability --out DIR: the matrix in DIR, its results.json.
                var matrix = new LearnabilityMatrix(Plan.Learnability!) { OutputFolder = Folder, Workers = 1 };
                var results = matrix.Run();
                var lines = results.Cells.Select(c => F($"{c.Cell.Key}: median frozen test MSE {c.MedianTestMse:G5}, {LearnabilityRule.Describe(c.Verdict)}")).ToArray();
                return new GridCollection(Plan.Kind, matrix.ResultsPath, runs, lines) { Learnability = results };
            }
        }
    }

    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static TrainingHistory? StoredHistory(RunStore store, GridRun run)
    {
        var folder = store.Locate(run.Config, run.Name);
        var path = Path.Combine(folder, "history.json");
        return File.Exists(path) ? HistoryJson.Read(path) : null;
    }
}
