using System.CommandLine;
using System.Globalization;
using FrequencyLab.Cli.Options;
using FrequencyLab.Grid.Cluster;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>--slurm</c> of every grid verb: the folder prepared as the local verb prepares it, DIR/slurm/plan.json and
/// grid.sbatch written, and the array submitted unless <c>--slurm-script-only</c>. The tasks train into the folder's run
/// store exactly as a local run; <c>freqlab grid collect DIR</c> writes the verb's index.
/// </summary>
internal static class GridSubmission
{
    public static int Plan(ParseResult parse, SlurmOptionSet flags, GridPlan plan, string folder)
    {
        var stdout = parse.InvocationConfiguration.Output;
        // E.g. a claims file whose claims are all about the data: nothing for an array to do.
        if (plan.Tasks.Count == 0)
            throw new FrequencyLabException($"the {plan.Kind} needs no training run, so there is nothing to plan for Slurm; run it without --slurm");
        var options = flags.Read(parse);
        var command = FreqlabCommand();
        // Everything that can be refused is checked before a file is written: the folder, then the script's paths.
        SlurmScript.Render(folder, plan.Tasks.Count, command, options);
        ClusterGrid.PrepareFolder(folder, plan);
        ReplaceOlderPlan(folder, plan);
        GridPlan.Write(folder, plan);
        var script = SlurmScript.Write(folder, plan.Tasks.Count, command, options);
        var full = Path.GetFullPath(folder);
        var what = F($"{plan.Tasks.Count} tasks ({plan.Runs.Count()} runs) into {full}");
        if (parse.GetValue(flags.ScriptOnly))
        {
            stdout.WriteLine(F($"planned {what}; submit with: sbatch {script}"));
            stdout.WriteLine(F($"then record the job it prints, so status can tell an element that never started: freqlab grid status {full} --job JOBID"));
            return CliRunner.Ok;
        }
        var job = ClusterGrid.Open(folder).Submit().JobId;
        stdout.WriteLine(F($"submitted job {job}: {what}"));
        stdout.WriteLine(F($"watch: freqlab grid status {full}; when done: freqlab grid collect {full}"));
        return CliRunner.Ok;
    }

    /// <summary>Another grid planned into the same folder renumbers the tasks: refused while elements of the old array are
    /// queued or running (they would run the new plan's tasks), and the old tasks' status files and submission records go
    /// (they describe other tasks).
    /// The run folders stay: the store keeps every run, and a run of both grids is not trained again.</summary>
    private static void ReplaceOlderPlan(string folder, GridPlan plan)
    {
        if (!File.Exists(GridPlan.PathIn(folder)) || File.ReadAllText(GridPlan.PathIn(folder)) == GridPlan.Serialize(plan)) return;
        if (SlurmCommands.Queue(SlurmScript.PathIn(folder), [.. SlurmSubmission.ReadAll(folder).Select(s => s.JobId)]) is { Count: > 0 } queued)
            throw new FrequencyLabException($"{Path.GetFullPath(folder)}: {queued.Count} element(s) of the grid planned there before are queued or running; wait for them or scancel them before planning another grid into it");
        var tasks = Path.GetDirectoryName(GridTaskStatus.PathOf(folder, 0))!;
        foreach (var old in new[] { tasks, SlurmSubmission.FolderOf(folder) })
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>This freqlab as absolute paths a cluster node can run: the dotnet host and freqlab.dll, or the apphost.</summary>
    private static string[] FreqlabCommand()
    {
        var dll = typeof(CliRunner).Assembly.Location;
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "freqlab") return [process];
        // Under `dotnet freqlab.dll` (or a test host) the host is dotnet: the one that runs us, else the one on PATH.
        var dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists)
              ?? throw new FrequencyLabException("cannot find the dotnet host for the Slurm script (set DOTNET_HOST_PATH)");
        return [Path.GetFullPath(dotnet), dll];
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
