using System.CommandLine;
using System.Globalization;
using FrequencyLab.Cli.Options;
using FrequencyLab.Grid.Cluster;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab grid</c>: a grid planned into a folder for a cluster (<c>freqlab sweep|claims|learnability … --slurm</c>). <c>run-task</c> is what
/// one Slurm array element runs; <c>status</c> shows every task; <c>collect</c> rebuilds the index a local run writes.
/// </summary>
internal sealed class GridVerb : IVerb
{
    private readonly Argument<string> _dir = new("dir") { Description = "The grid folder (holds slurm/plan.json).", HelpName = "DIR" };
    private readonly Option<int?> _index = new Option<int?>("--index") { Description = "The task (0 … tasks−1; $SLURM_ARRAY_TASK_ID).", HelpName = "I" }.AtLeast(0);
    private readonly Option<int?> _workers = SharedOptions.Workers("Runs of the task trained at once (default 1; the sbatch script passes $SLURM_CPUS_PER_TASK).");
    private readonly Option<bool> _json = SharedOptions.Json("Print the task table as JSON.");
    private readonly Option<string?> _job = new Option<string?>("--job") { Description = "Record first that JOBID (printed by an sbatch you ran by hand on DIR/slurm/grid.sbatch) is a submission of this grid, so status can tell its elements that never started.", HelpName = "JOBID" }
        .Matches(SlurmSubmission.IsJobId, "a Slurm job id (the number sbatch printed)");
    private readonly Option<string?> _array = new Option<string?>("--array") { Description = "With --job: the --array you gave sbatch (e.g. 3 for a resubmitted task; default: the script's own #SBATCH --array).", HelpName = "SPEC" }
        .Matches(SlurmArray.IsSpec, "a Slurm array spec (e.g. 0-11%3, 4, 1,3,5-7)");

    public Command Build()
    {
        var runTask = new Command("run-task", "Train one task of a planned grid into the grid folder (idempotent, resumes from the last checkpoint).");
        runTask.Arguments.Add(_dir);
        runTask.Options.Add(_index);
        runTask.Options.Add(_workers);
        runTask.Requires(_index, "--index I is required (the task; $SLURM_ARRAY_TASK_ID)");
        runTask.SetAction((parse, ct) => Task.FromResult(RunTask(parse, ct)));

        var status = new Command("status", "Every task of a planned grid: done, running, failed or pending (run folders, task files, recorded submissions, squeue, sacct where the cluster keeps accounting).");
        status.Arguments.Add(_dir);
        status.Options.Add(_json);
        status.Options.Add(_job);
        status.Options.Add(_array);
        status.OnlyWith(_array, _job);
        status.SetAction(parse => Status(parse));

        var collect = new Command("collect", "Rebuild the grid's index and results from its run folders, as the local verb writes them (sweep.json, claims.json, results.json).");
        collect.Arguments.Add(_dir);
        collect.SetAction(parse => Collect(parse));

        var command = new Command("grid", "A grid planned for a cluster (freqlab sweep|claims|learnability … --slurm): run one task, show status, collect.");
        command.Subcommands.Add(runTask);
        command.Subcommands.Add(status);
        command.Subcommands.Add(collect);
        return command;
    }

    private int RunTask(ParseResult parse, CancellationToken ct)
    {
        // scancel, preemption and the time limit send SIGTERM: every running run checkpoints at its next row and the task
        // ends Interrupted; the requeued task continues from there.
        using var interrupt = new GracefulInterrupt(ct);
        var stdout = parse.InvocationConfiguration.Output;
        var grid = ClusterGrid.Open(parse.GetValue(_dir)!);
        int index = parse.GetValue(_index)!.Value;
        var results = grid.RunTask(index, parse.GetValue(_workers) ?? 1, SlurmJob(grid.Folder), interrupt.Token);
        foreach (var r in results.Runs)
            stdout.WriteLine(F($"task {index}: {r.Run.Name}: {r.Status.ToString().ToLowerInvariant()}, {r.History?.Epochs.Count ?? 0} epochs{(r.Reused ? " (found finished)" : "")}"));
        if (results.FirstFailure is { } failed)
        {
            CliRunner.WriteError(parse.InvocationConfiguration.Error, $"task {index}: run {failed.Run.Name} failed: {failed.Message}");
            return CliRunner.Failed;
        }
        if (!results.AllFinished)
        {
            CliRunner.WriteCancelled(parse.InvocationConfiguration.Error, $"task {index}: running runs wrote their checkpoints; the same task continues them");
            return CliRunner.Cancelled;
        }
        return CliRunner.Ok;
    }

    /// <summary>Slurm's array job and task, and this element's log (the script's --output pattern), when Slurm runs us.</summary>
    private static (string, string)? SlurmJob(string folder)
    {
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        if (string.IsNullOrEmpty(job) || string.IsNullOrEmpty(task)) return null;
        return ($"{job}_{task}", Path.Combine(GridPlan.SlurmFolder(folder), $"{job}_{task}.log"));
    }

    private int Status(ParseResult parse)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var grid = ClusterGrid.Open(parse.GetValue(_dir)!);
        if (parse.GetValue(_job) is { } job)
        {
            var recorded = grid.RecordSubmission(job, parse.GetValue(_array) is { } spec ? SlurmArray.Parse(spec) : null);
            if (!parse.GetValue(_json)) stdout.WriteLine(F($"recorded job {recorded.JobId} (array {recorded.Array}) as a submission of {recorded.Script}"));
        }
        var (queue, accounting) = Scheduler(grid);
        var tasks = grid.Status(queue, accounting);
        if (parse.GetValue(_json))
        {
            stdout.WriteLine(System.Text.Json.JsonSerializer.Serialize(tasks, Training.HistoryJson.Options));
            return CliRunner.Ok;
        }
        foreach (var t in tasks)
        {
            var line = F($"task {t.Index}: {Name(t.State)}, {t.EpochsDone}/{t.EpochsTotal} epochs, {string.Join(' ', t.Runs)}");
            if (t.State == GridTaskState.Failed) line += F($" — {t.Message}{(t.Log is null ? "" : $" (log: {t.Log})")}");
            stdout.WriteLine(line);
        }
        var counts = string.Join(", ", tasks.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => F($"{g.Count()} {Name(g.Key)}")));
        var sources = F($"queue: {(queue is null ? "squeue not available" : F($"{queue.Count} element(s) queued or running"))}; accounting: {(accounting is null ? "sacct not available" : "sacct")}");
        var submitted = SlurmSubmission.ReadAll(grid.Folder);
        var record = submitted.Count == 0 ? "none recorded (record a job submitted by hand with --job JOBID)" : F($"{submitted.Count} recorded, newest job {submitted[^1].JobId}");
        stdout.WriteLine(F($"{grid.Plan.Kind} grid: {tasks.Count} tasks ({counts}); {sources}; submissions: {record}"));
        return CliRunner.Ok;
    }

    private int Collect(ParseResult parse)
    {
        var grid = ClusterGrid.Open(parse.GetValue(_dir)!);
        var (queue, accounting) = Scheduler(grid);
        var collected = grid.Collect(queue, accounting);
        var stdout = parse.InvocationConfiguration.Output;
        foreach (var line in collected.Lines) stdout.WriteLine(line);
        stdout.WriteLine(F($"collected {collected.Runs} runs of the {collected.Kind}; index: {collected.Index}"));
        return CliRunner.Ok;
    }

    /// <summary>What Slurm says of the grid's array: its queue (squeue: elements of the grid's script or of its recorded
    /// submissions) and, where the cluster keeps accounting, how its ended elements ended (sacct); each null when its command
    /// is missing or fails, and the status reads the run folders alone.</summary>
    private static (IReadOnlyDictionary<int, GridTaskState>?, IReadOnlyDictionary<string, SlurmJobState>?) Scheduler(ClusterGrid grid) =>
        (SlurmCommands.Queue(SlurmScript.PathIn(grid.Folder), [.. SlurmSubmission.ReadAll(grid.Folder).Select(s => s.JobId)]), SlurmCommands.Accounting(grid.RecordedJobs()));

    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
