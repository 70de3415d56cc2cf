using System.Diagnostics;
using CsCheck;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>A cluster grid without a cluster: the plan file (strict, hostile input one line), the sweep's --slurm flags
/// (bad values exit 2, a missing sbatch one line), and tasks run by hand then collected into the index a local run writes.</summary>
public class SlurmPlanTests
{
    private static readonly string[] Tiny =
        ["sweep", "--lr", "1e-2,3e-3", "--init-seed", "0", "--max-rows", "300", "--hidden", "8", "--epochs", "2", "--engine", "fused"];

    private static SweepGrid Grid() => new() { Base = TrainerFixtures.Config(epochs: 2) with { Engine = "fused" }, LearningRates = [1e-2, 1e-3], InitSeeds = [0, 1] };

    [Fact]
    public void A_plan_has_one_task_per_distinct_run_and_reads_back_as_written()
    {
        using var dir = new TempDir();
        var plan = GridPlan.ForSweep(Grid());
        Assert.Equal(4, plan.Tasks.Count);
        Assert.Equal(Grid().Points().Select(p => p.Name), plan.Tasks.Select(t => Assert.Single(t.Runs).Name));
        GridPlan.Write(dir.Path, plan);
        Assert.Equal(GridPlan.Serialize(plan), GridPlan.Serialize(GridPlan.Read(dir.Path)));
    }

    [Fact]
    public void Any_variant_of_a_plan_is_that_plan_or_one_line()
    {
        using var dir = new TempDir();
        var plan = GridPlan.ForSweep(Grid());
        var json = GridPlan.Serialize(plan);
        var path = GridPlan.PathIn(dir.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Whatever the bytes, a plan that reads is exactly the sweep it names: an edit cannot make a task train something else.
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, GridPlan.FileName, _ =>
        {
            var read = GridPlan.Read(dir.Path);
            Assert.Equal(GridPlan.Serialize(GridPlan.ForSweep(read.Sweep!)), GridPlan.Serialize(read));
        }), iter: 300, threads: 1);
    }

    [Fact]
    public void A_plan_whose_task_trains_another_config_is_refused_in_one_line()
    {
        using var dir = new TempDir();
        var plan = GridPlan.ForSweep(Grid());
        var edited = plan with { Tasks = [plan.Tasks[0] with { Runs = [plan.Tasks[0].Runs[0] with { Config = plan.Tasks[0].Runs[0].Config with { HiddenSize = 64 } }] }, .. plan.Tasks.Skip(1)] };
        GridPlan.Write(dir.Path, edited);
        var e = Assert.Throws<DataFileException>(() => GridPlan.Read(dir.Path));
        HostileInput.AssertOneCleanLine(e.Message);
        Assert.Contains("not the runs of the sweep it names", e.Message);
    }

    [Theory]
    [InlineData("--time", "abc")]
    [InlineData("--time", "1:2:3:4")]
    [InlineData("--max-parallel", "0")]
    [InlineData("--cpus-per-task", "0")]
    [InlineData("--partition", "a b")]
    [InlineData("--sbatch-arg", "--mem='2G'")]
    [InlineData("--sbatch-arg", "mem=2G")]
    public void A_bad_slurm_flag_value_is_exit_2_before_anything_is_written(string flag, string value)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run([.. Tiny, "--out", dir.File("s"), "--slurm", $"{flag}={value}"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.False(Directory.Exists(dir.File("s")));
    }

    [Fact]
    public void Json_with_slurm_is_exit_2()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run([.. Tiny, "--out", dir.File("s"), "--slurm", "--json"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--json", r.StdErr);
        Assert.False(Directory.Exists(dir.File("s")));
    }

    [Fact]
    public void A_slurm_flag_without_slurm_is_exit_2()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run([.. Tiny, "--out", dir.File("s"), "--partition", "debug"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--partition needs --slurm", r.StdErr);
    }

    [Fact]
    public async Task Script_only_writes_a_standard_array_script_and_a_missing_sbatch_is_one_line()
    {
        using var dir = new TempDir();
        var folder = dir.File("s");
        var r = Freqlab.Run([.. Tiny, "--out", folder, "--slurm", "--slurm-script-only", "--partition", "short", "--time", "0-01:00",
            "--cpus-per-task", "2", "--max-parallel", "5", "--sbatch-arg=--mem=2G", "--sbatch-arg=--account=abc"]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var script = File.ReadAllLines(SlurmScript.PathIn(folder));
        Assert.Equal("#!/bin/bash", script[0]);
        foreach (var line in new[] { "#SBATCH --array=0-1%5", $"#SBATCH --output={folder}/slurm/%A_%a.log", "#SBATCH --requeue", "#SBATCH --cpus-per-task=2",
                     "#SBATCH --partition=short", "#SBATCH --time=0-01:00", "#SBATCH --mem=2G", "#SBATCH --account=abc" })
            Assert.Contains(line, script);
        var exec = Assert.Single(script, l => l.StartsWith("exec ", StringComparison.Ordinal)).Split(' ');
        Assert.True(Path.IsPathRooted(exec[1]) && File.Exists(exec[1]), exec[1]);
        Assert.EndsWith("freqlab.dll", exec[2]);
        Assert.Equal(["grid", "run-task", folder, "--index"], exec[3..7]);
        // The index is there, every point pending, and nothing was trained.
        Assert.All(SweepIndex.Read(Path.Combine(folder, SweepIndex.FileName)).Points, p => Assert.Equal(SweepPointStatus.Pending, p.Status));

        // Submitting where Slurm is not installed: one line, exit 1.
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "freqlab.dll") }.Concat(Tiny).Concat(["--out", folder, "--slurm"])) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = Path.GetDirectoryName(Environment.ProcessPath)!;
        psi.FileName = Path.Combine(Path.GetDirectoryName(Environment.ProcessPath)!, "dotnet");
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(1, p.ExitCode);
        Assert.Equal("freqlab: error: sbatch was not found on PATH: run this on a Slurm login node, or write the script with --slurm-script-only and submit it there", (await stderr).Trim());
    }

    [Fact]
    public void Tasks_run_by_hand_collect_to_the_index_of_the_local_sweep()
    {
        using var dir = new TempDir();
        var folder = dir.File("s");
        Assert.Equal(0, Freqlab.Run([.. Tiny, "--out", folder, "--slurm", "--slurm-script-only"]).ExitCode);
        var r = Freqlab.Run("grid", "run-task", folder, "--index", "0");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var grid = ClusterGrid.Open(folder);
        Assert.Equal([GridTaskState.Done, GridTaskState.Pending], grid.Status().Select(t => t.State));
        var refused = Freqlab.Run("grid", "collect", folder);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("1 of 2 tasks not done; task 1 is pending", Assert.Single(refused.ErrorLines));
        var outOfRange = Freqlab.Run("grid", "run-task", folder, "--index", "2");
        Assert.Equal(1, outOfRange.ExitCode);
        Assert.Contains("task 2 is not a task of this grid (0 … 1)", Assert.Single(outOfRange.ErrorLines));

        Assert.Equal(0, Freqlab.Run("grid", "run-task", folder, "--index", "1").ExitCode);
        // A task run again is idempotent: it finds its run finished and trains nothing.
        var again = Freqlab.Run("grid", "run-task", folder, "--index", "1");
        Assert.Contains("(found finished)", again.StdOut);
        Assert.Equal(0, Freqlab.Run("grid", "collect", folder).ExitCode);
        Assert.Equal(0, Freqlab.Run([.. Tiny, "--out", dir.File("local")]).ExitCode);
        var local = SweepResults.Load(dir.File("local"));
        var cluster = SweepResults.Load(folder);
        foreach (var (l, c) in local.Points.Zip(cluster.Points))
            Assert.Equal(TrainerFixtures.EpochNumbers(l.History!), TrainerFixtures.EpochNumbers(c.History!));
    }

    [Fact]
    public void A_larger_grid_planned_into_the_folder_keeps_the_runs_and_drops_the_old_task_files()
    {
        using var dir = new TempDir();
        var folder = dir.File("s");
        Assert.Equal(0, Freqlab.Run([.. Tiny, "--out", folder, "--slurm", "--slurm-script-only"]).ExitCode);
        Assert.Equal(0, Freqlab.Run("grid", "run-task", folder, "--index", "1").ExitCode);
        Assert.NotNull(GridTaskStatus.Read(folder, 1));

        string[] larger = [.. Tiny.Select(a => a == "1e-2,3e-3" ? "3e-2,1e-2,3e-3" : a)];
        var r = Freqlab.Run([.. larger, "--out", folder, "--slurm", "--slurm-script-only"]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var grid = ClusterGrid.Open(folder);
        Assert.Equal(3, grid.Plan.Tasks.Count);
        Assert.Null(GridTaskStatus.Read(folder, 1));
        // The run trained under the old plan (lr 3e-3) is the new plan's task 2, found done in its folder.
        Assert.Equal([GridTaskState.Pending, GridTaskState.Pending, GridTaskState.Done], grid.Status().Select(t => t.State));
        Assert.Equal(3, SweepIndex.Read(Path.Combine(folder, SweepIndex.FileName)).Points.Count);
        Assert.Contains("#SBATCH --array=0-2", File.ReadAllLines(SlurmScript.PathIn(folder)));
    }

}
