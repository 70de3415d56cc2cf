using System.Text.Json.Nodes;
using CsCheck;
using FrequencyLab.Claims;
using FrequencyLab.Grid;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>The ledger's and the learnability matrix's cluster plans without a cluster: their tasks are the runs the local
/// verb trains, they read back strictly (an edit, a wrong kind, a missing description: one line), the three grid verbs take
/// the one Slurm flag set, and the status reads Slurm's accounting (sacct's own output lines) when it is there.</summary>
public class SlurmPlanKindsTests
{
    /// <summary>Two claims whose experiments are four lr runs per seed; the lr 1e-4 runs are the restart's first epochs.</summary>
    private static IReadOnlyList<ReportClaim> Claims() =>
        [.. ReportClaims.Embedded().Where(c => c.Id is "h1-lower-lr-removes-rise" or "lr-1e-4-stable-descent")];

    private static LedgerPlan Ledger() => new(StudyScales.Tiny.Ledger with { Workers = 2 }, Claims());

    private static LearnabilitySettings Matrix() => StudyScales.Quick.Learnability with { InitSeeds = [0], Epochs = 1 };

    [Fact]
    public void A_ledger_plan_is_one_task_per_distinct_run_of_its_claims_and_reads_back_as_written()
    {
        using var dir = new TempDir();
        var plan = GridPlan.ForLedger(Ledger());
        var runs = new ClaimsLedger(Ledger().Settings).RunsFor(Claims());
        // h1 needs lr 1e-2, 1e-3, 1e-4, 1e-5; the restart is lr 1e-4 for longer: 5 experiments × 3 seeds, 12 distinct runs.
        Assert.Equal(15, runs.Count);
        Assert.Equal(12, plan.Tasks.Count);
        Assert.Equal(runs.Select(r => r.Name).Order(), plan.Runs.Select(r => r.Name).Order());
        var shared = Assert.Single(plan.Tasks, t => t.Runs.Any(r => r.Name == "restart-seed-1"));
        Assert.Equal(["lr-1e-4-seed-1", "restart-seed-1"], shared.Runs.Select(r => r.Name).Order());
        // Workers are how the collector runs, not what is trained: a plan keeps 1.
        Assert.Equal(1, plan.Ledger!.Settings.Workers);
        Assert.Equal(Path.Combine(dir.Path, "runs", StudyScales.Tiny.Ledger.Mode), plan.StoreIn(dir.Path));

        GridPlan.Write(dir.Path, plan);
        Assert.Equal(GridPlan.Serialize(plan), GridPlan.Serialize(GridPlan.Read(dir.Path)));
    }

    [Fact]
    public void A_learnability_plan_is_the_matrix_runs_in_its_order_and_reads_back_as_written()
    {
        using var dir = new TempDir();
        var plan = GridPlan.ForLearnability(Matrix());
        var runs = new LearnabilityMatrix(Matrix()).Runs();
        // 3 noises × L ∈ {1, 40} × 2 resets, one seed, then the recipe on its noise models and its ablation.
        Assert.Equal(12 + Matrix().RecipeRuns().Count, runs.Count);
        Assert.Equal(runs.Select(r => r.Name), plan.Runs.Select(r => r.Name));
        Assert.Equal(runs.Count, plan.Tasks.Count);
        Assert.Equal(Path.Combine(dir.Path, "runs"), plan.StoreIn(dir.Path));
        GridPlan.Write(dir.Path, plan);
        Assert.Equal(GridPlan.Serialize(plan), GridPlan.Serialize(GridPlan.Read(dir.Path)));
    }

    [Fact]
    public void Matrix_tasks_run_by_hand_collect_to_the_results_of_the_local_matrix_with_its_recipe()
    {
        using var dir = new TempDir();
        var folder = dir.File("cluster");
        var plan = GridPlan.ForLearnability(Matrix());
        ClusterGrid.PrepareFolder(folder, plan);
        GridPlan.Write(folder, plan);
        var grid = ClusterGrid.Open(folder);
        var refused = Assert.Throws<FrequencyLabException>(() => grid.Collect());
        Assert.Contains($"{plan.Tasks.Count} of {plan.Tasks.Count} tasks not done; task 0 is pending", refused.Message);
        foreach (var task in plan.Tasks) Assert.True(grid.RunTask(task.Index, workers: 2).AllFinished);
        var collected = grid.Collect();
        Assert.Equal((GridPlan.LearnabilityKind, Path.Combine(folder, "results.json"), plan.Tasks.Count), (collected.Kind, collected.Index, collected.Runs));
        Assert.NotNull(collected.Learnability!.Recipe);

        var local = new LearnabilityMatrix(Matrix()) { OutputFolder = dir.File("local"), Workers = 2 }.Run();
        Assert.Equal(Untimed(local), Untimed(collected.Learnability));
        Assert.Equal(File.ReadAllText(dir.File("local/settings.json")), File.ReadAllText(Path.Combine(folder, "settings.json")));
    }

    /// <summary>The matrix's summary (results.json's content) with the wall times zeroed.</summary>
    private static string Untimed(LearnabilityResults results) =>
        System.Text.Json.JsonSerializer.Serialize(results.ToSummary(), LearnabilityResults.JsonOptions)
            .Split('\n').Where(l => !l.Contains("\"seconds", StringComparison.Ordinal)).Aggregate("", (a, l) => a + l + "\n");

    public static TheoryData<string, string, string> Edits => new()
    {
        { "ledger", "settings.duration=0.1", "not the runs of the ledger it names" },
        { "ledger", "claim.id=no-such-claim", "has no rule in this version" },
        { "ledger", "kind=matrix", "'matrix' is not a grid kind (sweep, ledger, learnability)" },
        { "ledger", "remove=ledger", "$.ledger: missing (a ledger plan describes its ledger)" },
        { "ledger", "kind=learnability", "$.ledger: not part of a learnability plan" },
        { "learnability", "epochs=2", "not the runs of the learnability it names" },
        { "learnability", "add=sweep", "$.sweep: not part of a learnability plan" },
        { "learnability", "remove=learnability", "$.learnability: missing" },
        { "learnability", "windows=0", "$.learnability: invalid" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_edited_plan_a_wrong_kind_or_a_missing_description_is_refused_in_one_line(string kind, string edit, string expected)
    {
        using var dir = new TempDir();
        var plan = kind == "ledger" ? GridPlan.ForLedger(Ledger()) : GridPlan.ForLearnability(Matrix());
        var json = JsonNode.Parse(GridPlan.Serialize(plan))!.AsObject();
        switch (edit)
        {
            case "settings.duration=0.1": json["ledger"]!["settings"]!["duration"] = 0.1; break;
            case "claim.id=no-such-claim": json["ledger"]!["claims"]![0]!["id"] = "no-such-claim"; break;
            case "epochs=2": json["learnability"]!["epochs"] = 2; break;
            case "windows=0": json["learnability"]!["windows"] = new JsonArray(); break;
            case "add=sweep": json["sweep"] = JsonNode.Parse(GridPlan.Serialize(GridPlan.ForSweep(new SweepGrid { Base = TrainerFixtures.Config(epochs: 2) with { Engine = "fused" }, LearningRates = [1e-3], InitSeeds = [0] })))!["sweep"]!.DeepClone(); break;
            default:
                var (verb, value) = (edit.Split('=')[0], edit.Split('=')[1]);
                if (verb == "kind") json["kind"] = value; else json.Remove(value);
                break;
        }
        var path = GridPlan.PathIn(dir.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json.ToJsonString());
        var e = Assert.Throws<DataFileException>(() => GridPlan.Read(dir.Path));
        HostileInput.AssertOneLine(e.Message, GridPlan.FileName);
        Assert.Contains(expected, e.Message);
        // And the grid verb says the same in one line, exit 1.
        var r = Freqlab.Run("grid", "status", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(expected, Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void Any_variant_of_a_ledger_or_matrix_plan_is_that_plan_or_one_line()
    {
        using var dir = new TempDir();
        var path = GridPlan.PathIn(dir.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var plan in new[] { GridPlan.ForLedger(Ledger()), GridPlan.ForLearnability(Matrix()) })
            HostileInput.JsonVariants(GridPlan.Serialize(plan)).Sample(bytes => HostileInput.AssertTotal(path, bytes, GridPlan.FileName, _ =>
            {
                var read = GridPlan.Read(dir.Path);
                var again = read.Kind == GridPlan.LedgerKind ? GridPlan.ForLedger(read.Ledger!) : GridPlan.ForLearnability(read.Learnability!);
                Assert.Equal(GridPlan.Serialize(again), GridPlan.Serialize(read));
            }), iter: 150, threads: 1);
    }

    [Theory]
    [InlineData("claims", "--partition", "debug", "--partition needs --slurm")]
    [InlineData("learnability", "--max-parallel", "2", "--max-parallel needs --slurm")]
    [InlineData("learnability", "--search", "--slurm", "--search")]
    [InlineData("claims", "--slurm", "--time=abc", "--time")]
    [InlineData("claims", "--slurm", "--json", "--json")]
    public void The_ledger_and_the_matrix_take_the_sweeps_slurm_flags_with_the_same_checks(string verb, string flag, string value, string expected)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(verb, "--quick", "--out", dir.File("g"), flag, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.StdErr);
        Assert.False(Directory.Exists(dir.File("g")));
    }

    [Fact]
    public void Claims_script_only_plans_the_ledgers_runs_where_the_local_ledger_keeps_them()
    {
        using var dir = new TempDir();
        var folder = dir.File("g");
        var claims = dir.File("claims.json");
        File.WriteAllText(claims, ClaimsFile(Claims()));
        var r = Freqlab.Run("claims", "--quick", "--seconds", "0.05", "--epochs", "2,3", "--claims", claims, "--out", folder,
            "--slurm", "--slurm-script-only", "--max-parallel", "3", "--cpus-per-task", "2");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.StartsWith($"planned 12 tasks (15 runs) into {folder}; submit with: sbatch ", r.StdOut);
        var script = File.ReadAllLines(SlurmScript.PathIn(folder));
        Assert.Contains("#SBATCH --array=0-11%3", script);
        Assert.Contains("#SBATCH --cpus-per-task=2", script);
        var plan = GridPlan.Read(folder);
        Assert.Equal(GridPlan.LedgerKind, plan.Kind);
        Assert.Equal(["h1-lower-lr-removes-rise", "lr-1e-4-stable-descent"], plan.Ledger!.Claims.Select(c => c.Id));
        // The runs folder is the one freqlab claims --out DIR uses, with its ledger.json, and nothing is trained yet.
        var store = plan.StoreIn(folder);
        Assert.Equal(Path.Combine(folder, "runs"), Path.GetDirectoryName(store));
        Assert.Equal(plan.Ledger.Settings.Mode, LedgerRunsFolder.Read(store).Mode);
        Assert.Empty(Directory.GetDirectories(store));
        Assert.All(ClusterGrid.Open(folder).Status(), t => Assert.Equal(GridTaskState.Pending, t.State));
    }

    [Fact]
    public void A_ledger_whose_claims_need_no_run_is_not_planned()
    {
        using var dir = new TempDir();
        var claims = dir.File("claims.json");
        File.WriteAllText(claims, ClaimsFile(ReportClaims.Embedded().Where(c => c.Id == "parameters-18241")));
        var r = Freqlab.Run("claims", "--quick", "--claims", claims, "--out", dir.File("g"), "--slurm", "--slurm-script-only");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("freqlab: error: the ledger needs no training run, so there is nothing to plan for Slurm; run it without --slurm", Assert.Single(r.ErrorLines));
        Assert.False(Directory.Exists(dir.File("g")));
    }

    /// <summary>Lines as <c>sacct --parsable2 --noheader -j 12 --format=JobID,State,ExitCode</c> prints them for an array
    /// (Slurm 22.05): one line per element, then its steps; a scancel'd element reads "CANCELLED by UID"; pending elements
    /// are one bracketed range.</summary>
    private const string Sacct = """
        12_0|COMPLETED|0:0
        12_0.batch|COMPLETED|0:0
        12_0.extern|COMPLETED|0:0
        12_1|CANCELLED by 0|0:15
        12_1.batch|CANCELLED|0:15
        12_1.extern|COMPLETED|0:0
        12_2|TIMEOUT|0:0
        12_2.batch|CANCELLED|0:15
        12_3|FAILED|1:0
        12_3.batch|FAILED|1:0
        12_4|OUT_OF_MEMORY|0:125
        12_5|RUNNING|0:0
        12_[6-7]|PENDING|0:0

        """;

    [Fact]
    public void Sacct_lines_give_each_elements_state_and_exit_code_and_steps_are_skipped()
    {
        var jobs = SlurmJobState.Parse(Sacct);
        Assert.Equal(["12_0", "12_1", "12_2", "12_3", "12_4", "12_5", "12_[6-7]"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new SlurmJobState("12_1", "CANCELLED", "0:15"), jobs["12_1"]);
        Assert.Equal(new SlurmJobState("12_3", "FAILED", "1:0"), jobs["12_3"]);
        Assert.Equal([false, true, true, true, true, false, false], jobs.Values.OrderBy(j => j.JobId, StringComparer.Ordinal).Select(j => j.IsFailure));
        Assert.Empty(SlurmJobState.Parse("sacct: error: Slurm accounting storage is disabled\n"));
        // A requeued job listed twice (--duplicates) keeps its latest run.
        Assert.Equal("COMPLETED", SlurmJobState.Parse("7_0|NODE_FAIL|0:0\n7_0|COMPLETED|0:0\n")["7_0"].State);
    }

    [Fact]
    public void The_status_names_slurms_state_and_exit_code_when_sacct_answers_and_falls_back_when_it_does_not()
    {
        using var dir = new TempDir();
        var plan = GridPlan.ForSweep(new SweepGrid { Base = TrainerFixtures.Config(epochs: 2) with { Engine = "fused" }, LearningRates = [1e-2, 1e-3, 3e-3], InitSeeds = [0] });
        GridPlan.Write(dir.Path, plan);
        var now = DateTime.UtcNow;
        GridTaskStatus.Write(dir.Path, new GridTaskStatus(0, GridTaskState.Running, 1, "12_2", null, now, null));
        GridTaskStatus.Write(dir.Path, new GridTaskStatus(1, GridTaskState.Failed, 1, "12_3", "/x/12_3.log", now, "run lr-1e-3: out of disk"));
        GridTaskStatus.Write(dir.Path, new GridTaskStatus(2, GridTaskState.Running, 1, "12_0", null, now, null));
        var grid = ClusterGrid.Open(dir.Path);
        Assert.Equal(["12_2", "12_3", "12_0"], grid.RecordedJobs());
        var empty = new Dictionary<int, GridTaskState>();

        var reports = grid.Status(empty, SlurmJobState.Parse(Sacct));
        var script = SlurmScript.PathIn(dir.Path);
        Assert.Equal(GridTaskState.Failed, reports[0].State);
        Assert.Equal($"Slurm job 12_2 ended TIMEOUT (exit 0:0); resubmit it: sbatch --array=0 {script}", reports[0].Message);
        Assert.Equal($"Slurm job 12_3 ended FAILED (exit 1:0): run lr-1e-3: out of disk; resubmit it: sbatch --array=1 {script}", reports[1].Message);
        Assert.Equal("/x/12_3.log", reports[1].Log);
        // Slurm says COMPLETED but the runs are not finished: the queue-based rule still calls it failed, without Slurm's word.
        Assert.Equal(GridTaskState.Failed, reports[2].State);
        Assert.Equal($"stopped at epoch 0 of 2 and is not queued (cancelled, out of time or node lost); resubmit it: sbatch --array=2 {script}", reports[2].Message);

        // No accounting (sacct missing or disabled): the queue and the status files alone, as before.
        var fallback = grid.Status(empty, null);
        Assert.All(fallback, t => Assert.StartsWith(t.Index == 1 ? "run lr-1e-3" : "stopped at epoch 0", t.Message));
        var collect = Assert.Throws<FrequencyLabException>(() => grid.Collect(empty, SlurmJobState.Parse(Sacct)));
        HostileInput.AssertOneCleanLine(collect.Message);
        Assert.Contains("3 of 3 tasks not done; task 0 is failed: Slurm job 12_2 ended TIMEOUT (exit 0:0)", collect.Message);
    }

    /// <summary>A claims file (data/report-claims.json's format) holding <paramref name="claims"/>.</summary>
    internal static string ClaimsFile(IEnumerable<ReportClaim> claims) => new JsonObject
    {
        ["schemaVersion"] = ReportClaims.SchemaVersion,
        ["kind"] = ReportClaims.Kind,
        ["claims"] = new JsonArray([.. claims.Select(c =>
        {
            var o = new JsonObject
            {
                ["id"] = c.Id, ["section"] = c.Section, ["quote"] = c.Quote, ["quantity"] = c.Quantity, ["experiment"] = c.Experiment,
                ["rule"] = c.Rule, ["timing"] = c.Timing,
            };
            if (c.Notebook is { } notebook) o["notebook"] = notebook;
            return (JsonNode)o;
        })]),
    }.ToJsonString();
}
