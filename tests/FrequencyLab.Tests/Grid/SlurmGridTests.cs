using System.Diagnostics;
using System.Text.Json;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>
/// Sweeps as Slurm job arrays on a real single-node Slurm (<see cref="SlurmCluster"/>): submitted with
/// <c>freqlab sweep … --slurm</c>, trained by the array's elements, collected with <c>freqlab grid collect</c>, and equal,
/// epoch by epoch, to the same sweep run locally; an element cancelled mid-run and resubmitted ends with the same numbers.
/// </summary>
public sealed class SlurmGridTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    /// <summary>Four 3-epoch runs of 400 rows: the sweep the cluster tests submit (also <see cref="SlurmNeverStartedTests"/>).</summary>
    internal static readonly string[] Tiny =
        ["sweep", "--lr", "1e-2,3e-3", "--init-seed", "0,1", "--max-rows", "400", "--hidden", "8", "--epochs", "3", "--engine", "fused"];

    /// <summary>Long enough per run that an element can be cancelled between its first epoch and its last.</summary>
    private static readonly string[] Longer =
        ["sweep", "--lr", "1e-2", "--init-seed", "0,1", "--max-rows", "1500", "--hidden", "16", "--epochs", "40", "--engine", "fused"];

    [Fact]
    public void A_sweep_submitted_as_an_array_collects_to_the_numbers_of_the_sweep_run_locally()
    {
        using var dir = new TempDir();
        var folder = dir.File("cluster");
        var submit = cluster.Freqlab([.. Tiny, "--out", folder, "--slurm", "--max-parallel", "2"]);
        Assert.True(submit.Code == 0, submit.StdErr);
        Assert.Matches(@"^submitted job \d+: 4 tasks \(4 runs\)", submit.StdOut);
        var script = File.ReadAllText(SlurmScript.PathIn(folder));
        Assert.Contains("#SBATCH --array=0-3%2\n", script);
        Assert.Contains($"#SBATCH --output={folder}/slurm/%A_%a.log\n", script);
        Assert.Contains("#SBATCH --requeue\n", script);

        cluster.WaitUntilLeftQueue(SlurmScript.PathIn(folder));
        var status = cluster.Freqlab("grid", "status", folder);
        Assert.True(status.Code == 0, status.StdErr);
        Assert.Contains("grid: 4 tasks (4 done)", status.StdOut);
        var collect = cluster.Freqlab("grid", "collect", folder);
        Assert.True(collect.Code == 0, collect.StdErr);

        var local = Freqlab.Run([.. Tiny, "--out", dir.File("local"), "--workers", "1"]);
        Assert.True(local.ExitCode == 0, local.StdErr);
        AssertSameSweep(dir.File("local"), folder, epochs: 3);
        // Each element wrote its own log and its own status file, and nothing else outside its run folder.
        for (int i = 0; i < 4; i++) Assert.Equal(GridTaskState.Done, GridTaskStatus.Read(folder, i)!.State);
        Assert.Equal(4, Directory.GetFiles(GridPlan.SlurmFolder(folder), "*_*.log").Length);
    }

    [Fact]
    public void An_element_cancelled_mid_run_and_resubmitted_ends_with_the_numbers_of_the_uninterrupted_run()
    {
        using var dir = new TempDir();
        var folder = dir.File("cluster");
        var submit = cluster.Freqlab([.. Longer, "--out", folder, "--slurm"]);
        Assert.True(submit.Code == 0, submit.StdErr);
        var job = submit.StdOut.Split(' ')[2].TrimEnd(':');
        var plan = GridPlan.Read(folder);
        var history = Path.Combine(folder, plan.Tasks[1].Runs[0].Name, "history.json");

        // Cancel element 1 once its run has finished an epoch: scancel sends SIGTERM, the task checkpoints and stops.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3) && !(File.Exists(history) && TryEpochs(history) > 0)) Thread.Sleep(20);
        var cancel = cluster.Run("scancel", $"{job}_1");
        Assert.True(cancel.Code == 0, cancel.StdErr);
        cluster.WaitUntilLeftQueue(SlurmScript.PathIn(folder));
        int before = HistoryJson.Read(history).Epochs.Count;
        Assert.True(before is > 0 and < 40, $"{before} epochs when cancelled: the cancel came too late to prove anything");

        var status = cluster.Freqlab("grid", "status", folder);
        Assert.Matches(@"task 1: failed, \d+/40 epochs, .* not queued .*resubmit it: sbatch --array=1 "
            + System.Text.RegularExpressions.Regex.Escape(SlurmScript.PathIn(folder)) + @" \(log: ", status.StdOut);
        Assert.Contains("task 0: done", status.StdOut);
        var refused = cluster.Freqlab("grid", "collect", folder);
        Assert.Equal(1, refused.Code);
        Assert.Single(refused.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 of 2 tasks not done; task 1 is failed", refused.StdErr);

        // Requeue by hand the standard way: the same script, that one element.
        var again = cluster.Run("sbatch", "--array=1", SlurmScript.PathIn(folder));
        Assert.True(again.Code == 0, again.StdErr);
        cluster.WaitUntilLeftQueue(SlurmScript.PathIn(folder));
        var collect = cluster.Freqlab("grid", "collect", folder);
        Assert.True(collect.Code == 0, collect.StdErr);
        Assert.Equal(2, GridTaskStatus.Read(folder, 1)!.Attempt);

        var local = Freqlab.Run([.. Longer, "--out", dir.File("local"), "--workers", "2"]);
        Assert.True(local.ExitCode == 0, local.StdErr);
        AssertSameSweep(dir.File("local"), folder, epochs: 40);
    }

    private static int TryEpochs(string history)
    {
        try { return HistoryJson.Read(history).Epochs.Count; }
        catch (FrequencyLabException) { return 0; }
    }

    /// <summary>Same points, statuses, folders and every epoch's numbers (seconds aside), and the same sweep.json.</summary>
    /// <summary>The sweep collected from the cluster equals the one run locally: every point completed with the given epochs,
    /// the same numbers epoch by epoch, and the same index (seconds aside).</summary>
    internal static void AssertSameSweep(string localFolder, string clusterFolder, int epochs)
    {
        var local = SweepResults.Load(localFolder);
        var remote = SweepResults.Load(clusterFolder);
        Assert.Equal(local.Points.Count, remote.Points.Count);
        foreach (var (l, r) in local.Points.Zip(remote.Points))
        {
            Assert.Equal(l.Point.Name, r.Point.Name);
            Assert.Equal(SweepPointStatus.Completed, r.Status);
            Assert.Equal(epochs, r.History!.Epochs.Count);
            Assert.Equal(TrainerFixtures.EpochNumbers(l.History!), TrainerFixtures.EpochNumbers(r.History!));
        }
        Assert.Equal(Index(localFolder), Index(clusterFolder));
    }


    private static string Index(string folder)
    {
        var index = SweepIndex.Read(Path.Combine(folder, SweepIndex.FileName));
        return SweepIndex.Serialize(index with { Points = index.Points.Select(p => p with { Seconds = 0 }).ToArray() });
    }
}
