using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.Claims;
using FrequencyLab.IO;
using FrequencyLab.Learnability;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Grid.Cluster;

/// <summary>One task of a cluster grid: the named runs one <c>freqlab grid run-task DIR --index I</c> trains (one distinct
/// run: every named run of one <see cref="RunKey"/>, so two tasks never write the same run folder).</summary>
public sealed record GridPlanTask(int Index, IReadOnlyList<GridRun> Runs);

/// <summary>
/// DIR/slurm/plan.json: a grid planned into a folder for a cluster. The tasks are independent array elements; the grid's own
/// description (<see cref="Sweep"/>, <see cref="Ledger"/> or <see cref="Learnability"/>, by <see cref="Kind"/>) lets the
/// collector rebuild the index exactly as a local run of the same verb writes it.
/// </summary>
/// <remarks>The plan is the only file a task reads besides the run folders, and it says what to train: it is read strictly
/// and must be exactly the grid it names (the same runs, names and configs), so an edited plan cannot train something else.</remarks>
public sealed record GridPlan
{
    public const int CurrentSchemaVersion = 1;
    public const string Folder = "slurm";
    public const string FileName = "plan.json";

    /// <summary>The kinds of grid: <c>freqlab sweep</c>'s, <c>freqlab claims</c>' and <c>freqlab learnability</c>'s.</summary>
    public const string SweepKind = "sweep", LedgerKind = "ledger", LearnabilityKind = "learnability";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>What made the grid: "sweep", "ledger" or "learnability".</summary>
    public required string Kind { get; init; }

    /// <summary>The sweep's grid, for <see cref="Kind"/> "sweep".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SweepGrid? Sweep { get; init; }

    /// <summary>The ledger's settings and claims, for <see cref="Kind"/> "ledger".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LedgerPlan? Ledger { get; init; }

    /// <summary>The matrix's settings (its spec, with or without the recipe), for <see cref="Kind"/> "learnability".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LearnabilitySettings? Learnability { get; init; }

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
        return new GridPlan { Kind = SweepKind, Sweep = grid, Tasks = TasksOf(runs) };
    }

    /// <summary>The plan of a claims ledger: one task per distinct run of the experiments its claims need
    /// (<see cref="ClaimsLedger.RunsFor"/>), in the order the local ledger trains them.</summary>
    public static GridPlan ForLedger(LedgerPlan ledger)
    {
        var normalized = ledger.Normalized();
        var runs = new ClaimsLedger(normalized.Settings).RunsFor(normalized.Claims);
        return new GridPlan { Kind = LedgerKind, Ledger = normalized, Tasks = TasksOf(runs) };
    }

    /// <summary>The plan of a learnability matrix (and its recipe, when the settings have one): one task per distinct run of
    /// <see cref="LearnabilityMatrix.Runs"/>, in the matrix's order.</summary>
    public static GridPlan ForLearnability(LearnabilitySettings settings) =>
        new() { Kind = LearnabilityKind, Learnability = settings, Tasks = TasksOf(new LearnabilityMatrix(settings).Runs()) };

    /// <summary>The run store the tasks train into, where the local verb keeps its runs: the sweep folder itself, the ledger's
    /// DIR/runs/MODE, the matrix's DIR/runs.</summary>
    public string StoreIn(string gridFolder) => Kind switch
    {
        LedgerKind => Ledger!.StoreIn(gridFolder),
        LearnabilityKind => new LearnabilityMatrix(Learnability!) { OutputFolder = Path.GetFullPath(gridFolder) }.RunStoreFolder!,
        _ => Path.GetFullPath(gridFolder),
    };

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
        if (plan.Kind is not (SweepKind or LedgerKind or LearnabilityKind))
            return $"$.kind: '{JsonFile.Printable(plan.Kind)}' is not a grid kind ({SweepKind}, {LedgerKind}, {LearnabilityKind})";
        // Exactly the description its kind names: a plan never carries two grids.
        foreach (var (kind, field, value) in new (string, string, object?)[] { (SweepKind, "sweep", plan.Sweep), (LedgerKind, "ledger", plan.Ledger), (LearnabilityKind, "learnability", plan.Learnability) })
        {
            if (kind == plan.Kind && value is null) return $"$.{field}: missing (a {kind} plan describes its {kind})";
            if (kind != plan.Kind && value is not null) return $"$.{field}: not part of a {plan.Kind} plan";
        }
        if (plan.Tasks.Count == 0) return "$.tasks: empty";
        for (int i = 0; i < plan.Tasks.Count; i++)
        {
            if (plan.Tasks[i] is not { } t) return $"$.tasks[{i}]: null";
            if (t.Index != i) return $"$.tasks[{i}].index: {t.Index} (tasks are numbered 0, 1, … in order)";
            if (t.Runs.Count == 0) return $"$.tasks[{i}].runs: empty";
            if (t.Runs.Any(r => r is null)) return $"$.tasks[{i}].runs: null run";
        }
        GridPlan expected;
        try
        {
            expected = plan.Kind switch
            {
                SweepKind => ForSweep(plan.Sweep!.Validate()),
                LedgerKind => ForLedger(CheckedLedger(plan.Ledger!)),
                _ => ForLearnability(plan.Learnability!.Validate()),
            };
        }
        catch (FrequencyLabException e) { return $"$.{plan.Kind}: {e.Message}"; }
        // The tasks must be exactly the grid's runs, split as this version splits them: nothing else can be trained from it.
        if (Serialize(expected) != Serialize(plan with { SchemaVersion = CurrentSchemaVersion }))
            return $"$.tasks: not the runs of the {plan.Kind} it names (the plan was edited or made by another version; plan the grid again)";
        return null;
    }

    /// <summary>A ledger as a plan holds it: valid settings and claims every one of which this version can judge, once each.</summary>
    private static LedgerPlan CheckedLedger(LedgerPlan ledger)
    {
        if (ledger.Settings is null) throw new FrequencyLabException("settings: missing");
        if (ledger.Claims is null || ledger.Claims.Count == 0) throw new FrequencyLabException("claims: empty");
        ledger.Settings.Validate();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in ledger.Claims)
        {
            if (claim?.Id is null) throw new FrequencyLabException("claims: a claim without an id");
            if (!seen.Add(claim.Id)) throw new FrequencyLabException($"claims: {JsonFile.Printable(claim.Id)} is given twice");
            if (!ClaimJudges.Knows(claim.Id)) throw new FrequencyLabException($"claims: {JsonFile.Printable(claim.Id)} has no rule in this version of freqlab");
        }
        return ledger;
    }
}
