using System.Text.Json;
using FrequencyLab.IO;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Grid.Cluster;

/// <summary>One task of a cluster grid: the named runs one <c>freqlab grid run-task DIR --index I</c> trains (one distinct
/// run: every named run of one <see cref="RunKey"/>, so two tasks never write the same run folder).</summary>
public sealed record GridPlanTask(int Index, IReadOnlyList<GridRun> Runs);

/// <summary>
/// DIR/slurm/plan.json: a grid planned into a folder for a cluster. The tasks are independent array elements; the grid's own
/// description (<see cref="Sweep"/>) lets the collector rebuild the index exactly as a local run writes it.
/// </summary>
/// <remarks>The plan is the only file a task reads besides the run folders, and it says what to train: it is read strictly
/// and must be exactly the grid it names (the same runs, names and configs), so an edited plan cannot train something else.</remarks>
public sealed record GridPlan
{
    public const int CurrentSchemaVersion = 1;
    public const string Folder = "slurm";
    public const string FileName = "plan.json";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>What made the grid: "sweep" (the only kind so far).</summary>
    public required string Kind { get; init; }

    /// <summary>The sweep's grid, for <see cref="Kind"/> "sweep".</summary>
    public SweepGrid? Sweep { get; init; }

    public required IReadOnlyList<GridPlanTask> Tasks { get; init; }

    /// <summary>Every named run, in the tasks' order.</summary>
    public IEnumerable<GridRun> Runs => Tasks.SelectMany(t => t.Runs);

    /// <summary>DIR/slurm.</summary>
    public static string SlurmFolder(string gridFolder) => Path.Combine(Path.GetFullPath(gridFolder), Folder);

    /// <summary>DIR/slurm/plan.json.</summary>
    public static string PathIn(string gridFolder) => Path.Combine(SlurmFolder(gridFolder), FileName);

    /// <summary>The plan of a sweep: one task per distinct run, in the grid's order.</summary>
    public static GridPlan ForSweep(SweepGrid grid)
    {
        var runs = grid.Validate().Points().Select(p => new GridRun(p.Name, p.Config)).ToArray();
        return new GridPlan { Kind = "sweep", Sweep = grid, Tasks = TasksOf(runs) };
    }

    /// <summary>One task per distinct run (the named runs of one key together), in the order of each key's first run.</summary>
    public static IReadOnlyList<GridPlanTask> TasksOf(IReadOnlyList<GridRun> runs) =>
        runs.GroupBy(r => RunKey.Of(r.Config), StringComparer.Ordinal)
            .Select((g, i) => new GridPlanTask(i, g.ToArray())).ToArray();

    public static string Serialize(GridPlan plan) => JsonSerializer.Serialize(plan, HistoryJson.Options);

    public static void Write(string gridFolder, GridPlan plan)
    {
        Directory.CreateDirectory(SlurmFolder(gridFolder));
        AtomicFile.WriteAllTextIfChanged(PathIn(gridFolder), Serialize(plan));
    }

    /// <summary>Reads DIR/slurm/plan.json strictly (<see cref="JsonFile"/>) and checks it is the plan of the grid it names.</summary>
    /// <exception cref="DataFileException">One line naming the file and the first problem.</exception>
    public static GridPlan Read(string gridFolder)
    {
        var path = PathIn(gridFolder);
        var plan = JsonFile.Read<GridPlan>(path, "grid plan", HistoryJson.ReadOptions);
        if (plan.SchemaVersion != CurrentSchemaVersion)
            throw new DataFileException(JsonFile.Printable(path), $"grid plan schema version {plan.SchemaVersion} is not supported (expected {CurrentSchemaVersion})");
        if (Problem(plan) is { } problem) throw JsonFile.Invalid(path, "grid plan", problem);
        return plan;
    }

    private static string? Problem(GridPlan plan)
    {
        if (plan.Kind != "sweep") return $"$.kind: '{JsonFile.Printable(plan.Kind)}' is not a grid kind (sweep)";
        if (plan.Sweep is null) return "$.sweep: missing";
        if (plan.Tasks.Count == 0) return "$.tasks: empty";
        for (int i = 0; i < plan.Tasks.Count; i++)
        {
            if (plan.Tasks[i] is not { } t) return $"$.tasks[{i}]: null";
            if (t.Index != i) return $"$.tasks[{i}].index: {t.Index} (tasks are numbered 0, 1, … in order)";
            if (t.Runs.Count == 0) return $"$.tasks[{i}].runs: empty";
            if (t.Runs.Any(r => r is null)) return $"$.tasks[{i}].runs: null run";
        }
        SweepGrid grid;
        try { grid = plan.Sweep.Validate(); }
        catch (FrequencyLabException e) { return $"$.sweep: {e.Message}"; }
        // The tasks must be exactly the grid's runs, split as this version splits them: nothing else can be trained from it.
        var expected = ForSweep(grid);
        if (Serialize(expected) != Serialize(plan with { SchemaVersion = CurrentSchemaVersion }))
            return "$.tasks: not the runs of the sweep it names (the plan was edited or made by another version; plan the grid again)";
        return null;
    }
}
