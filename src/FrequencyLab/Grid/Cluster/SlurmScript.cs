using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FrequencyLab.Grid.Cluster;

/// <summary>The sbatch options of a cluster grid; null leaves the cluster's default.</summary>
/// <param name="Partition">--partition.</param>
/// <param name="Time">--time, in one of Slurm's forms (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS).</param>
/// <param name="CpusPerTask">--cpus-per-task: also the task's worker count.</param>
/// <param name="MaxParallel">The array's %K: tasks running at once.</param>
/// <param name="ExtraArgs">More #SBATCH options, verbatim (e.g. --account=abc, --mem=2G).</param>
public sealed record SlurmOptions(string? Partition = null, string? Time = null, int? CpusPerTask = null, int? MaxParallel = null, IReadOnlyList<string>? ExtraArgs = null)
{
    /// <summary>Slurm's time formats.</summary>
    public static bool IsTime(string s) => Regex.IsMatch(s, @"^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2}|UNLIMITED|INFINITE)$");

    /// <summary>A partition name (or a comma list of them).</summary>
    public static bool IsPartition(string s) => Regex.IsMatch(s, @"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*$");

    /// <summary>An #SBATCH option: --name or --name=value, on one line, no shell quoting needed.</summary>
    public static bool IsSbatchArg(string s) => Regex.IsMatch(s, @"^--[a-z][a-z0-9\-]*(=[^\s'""\\`$]+)?$");
}

/// <summary>
/// DIR/slurm/grid.sbatch: a standard Slurm job array over the tasks of a <see cref="GridPlan"/> — one element per task, each
/// the idempotent <c>freqlab grid run-task DIR --index $SLURM_ARRAY_TASK_ID</c>, requeueable, one log per element
/// (DIR/slurm/%A_%a.log, appended to on a restart so both attempts stay).
/// </summary>
public static class SlurmScript
{
    public const string FileName = "grid.sbatch";

    /// <summary>The script's text. <paramref name="command"/> is the freqlab command as absolute paths (e.g. dotnet and
    /// freqlab.dll); the task's arguments are appended.</summary>
    /// <exception cref="FrequencyLabException">A path holds a character the script cannot carry (one line).</exception>
    public static string Render(string gridFolder, int tasks, IReadOnlyList<string> command, SlurmOptions options)
    {
        var dir = Path.GetFullPath(gridFolder);
        var slurm = GridPlan.SlurmFolder(dir);
        // #SBATCH lines are not shell: Slurm splits them on blanks, and %-patterns expand in --output.
        foreach (var path in command.Append(dir))
            if (path.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '%' or '\'' or '"' or '\\' or '`' or '$'))
                throw new FrequencyLabException($"{IO.JsonFile.Printable(path)}: a path in a Slurm script must not hold blanks, quotes, '%', '$' or backslashes; use another folder");
        var s = new StringBuilder();
        string F(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        s.Append("#!/bin/bash\n");
        s.Append("# A freqlab grid as a Slurm job array: one element per task of ").Append(slurm).Append("/plan.json.\n");
        s.Append("# Each element is idempotent and resumable (freqlab grid run-task); collect with: freqlab grid collect DIR\n");
        s.Append("#SBATCH --job-name=freqlab-grid\n");
        s.Append(ArrayLine).Append(SlurmArray.ForTasks(tasks, options.MaxParallel)).Append('\n');
        s.Append("#SBATCH --output=").Append(slurm).Append("/%A_%a.log\n");
        s.Append("#SBATCH --open-mode=append\n");
        s.Append("#SBATCH --requeue\n");
        s.Append(F($"#SBATCH --cpus-per-task={options.CpusPerTask ?? 1}\n"));
        if (options.Partition is { } p) s.Append("#SBATCH --partition=").Append(p).Append('\n');
        if (options.Time is { } t) s.Append("#SBATCH --time=").Append(t).Append('\n');
        foreach (var arg in options.ExtraArgs ?? []) s.Append("#SBATCH ").Append(arg).Append('\n');
        s.Append("set -eu\n");
        s.Append("exec ").Append(string.Join(' ', command)).Append(" grid run-task ").Append(dir)
            .Append(" --index \"$SLURM_ARRAY_TASK_ID\" --workers \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        return s.ToString();
    }

    public static string PathIn(string gridFolder) => Path.Combine(GridPlan.SlurmFolder(gridFolder), FileName);

    private const string ArrayLine = "#SBATCH --array=";

    /// <summary>The array the grid's script submits when sbatch is given no --array of its own (its <c>#SBATCH --array</c>
    /// line).</summary>
    /// <exception cref="FrequencyLabException">No script, or no valid array line in it (one line).</exception>
    public static SlurmArray ArrayIn(string gridFolder)
    {
        var path = PathIn(gridFolder);
        if (!File.Exists(path)) throw new FrequencyLabException($"{IO.JsonFile.Printable(path)}: no Slurm script (plan the grid with --slurm)");
        var line = System.Text.Encoding.UTF8.GetString(IO.BoundedFile.ReadAllBytes(path, 1 << 20, "Slurm script")).Split('\n').FirstOrDefault(l => l.StartsWith(ArrayLine, StringComparison.Ordinal))
            ?? throw new FrequencyLabException($"{IO.JsonFile.Printable(path)}: no '{ArrayLine}' line");
        return SlurmArray.TryParse(line[ArrayLine.Length..].TrimEnd('\r'), out var problem)
            ?? throw new FrequencyLabException($"{IO.JsonFile.Printable(path)}: its array line is not a Slurm array spec: {IO.JsonFile.Printable(problem)}");
    }

    public static string Write(string gridFolder, int tasks, IReadOnlyList<string> command, SlurmOptions options)
    {
        var path = PathIn(gridFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        IO.AtomicFile.WriteAllText(path, Render(gridFolder, tasks, command, options));
        return path;
    }
}
