using System.Diagnostics;
using System.Text.Json;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>
/// An array element cancelled while still pending, on a real single-node Slurm (<see cref="SlurmCluster"/>): it never starts,
/// so it never writes a status file; the recorded submission (DIR/slurm/submissions/JOBID.json) is what lets
/// <c>freqlab grid status</c> say it will not run — failed, never started, with its log path and the resubmit line — and
/// <c>grid collect</c> refuse in one line. Resubmitted with that line and recorded with <c>grid status --job</c>, it trains
/// and the grid collects to the numbers of the sweep run locally. The test cluster keeps no accounting, so this is the
/// squeue path ("no longer queued"); the sacct path is tested on its own in <see cref="SlurmSubmissionTests"/>.
/// </summary>
public sealed class SlurmNeverStartedTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    private static readonly string[] Tiny = SlurmGridTests.Tiny;

    [Fact]
    public void An_element_cancelled_while_pending_is_reported_never_started_and_resubmitted_collects_to_the_local_sweep()
    {
        using var dir = new TempDir();
        var folder = dir.File("cluster");
        var script = SlurmScript.PathIn(folder);
        // One element at a time: while element 0 runs, 1 to 3 wait in the queue.
        var submit = cluster.Freqlab([.. Tiny, "--out", folder, "--slurm", "--max-parallel", "1"]);
        Assert.True(submit.Code == 0, submit.StdErr);
        var job = submit.StdOut.Split(' ')[2].TrimEnd(':');
        var recorded = Assert.Single(SlurmSubmission.ReadAll(folder));
        Assert.Equal((job, "0-3%1", script), (recorded.JobId, recorded.Array, recorded.Script));

        // squeue lists every element of the array one per line with --array, pending ones included: check element 3 waits.
        var queue = cluster.Run("squeue", "-j", job, "--array", "--noheader", "--format=%i|%K|%T");
        Assert.True(queue.Code == 0, queue.StdErr);
        Assert.Contains($"{job}_3|3|PENDING", queue.StdOut.Split('\n', StringSplitOptions.TrimEntries));
        var cancel = cluster.Run("scancel", $"{job}_3");
        Assert.True(cancel.Code == 0, cancel.StdErr);
        cluster.WaitUntilLeftQueue(script);
        Assert.Null(GridTaskStatus.Read(folder, 3));

        var status = cluster.Freqlab("grid", "status", folder);
        Assert.True(status.Code == 0, status.StdErr);
        var lines = status.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < 3; i++) Assert.StartsWith($"task {i}: done, 3/3 epochs", lines[i]);
        var log = Path.Combine(folder, "slurm", $"{job}_3.log");
        Assert.Equal($"task 3: failed, 0/3 epochs, {ClusterGrid.Open(folder).Plan.Tasks[3].Runs[0].Name} — never started and no longer queued "
            + $"(cancelled before it ran, or it could not start: see its log if it has one); resubmit it: sbatch --array=3 {script} (log: {log})", lines[3]);
        Assert.EndsWith($"submissions: 1 recorded, newest job {job}", lines[^1]);

        var refused = cluster.Freqlab("grid", "collect", folder);
        Assert.Equal(1, refused.Code);
        var error = Assert.Single(refused.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"1 of 4 tasks not done; task 3 is failed: never started and no longer queued", error);
        Assert.Contains($"resubmit it: sbatch --array=3 {script} (log: {log}); nothing was collected", error);

        // The printed line, by hand, then recorded the way a user records a job they submitted themselves. Held, so the
        // status sees it pending; and through a link to the script, so only the recorded job id ties it to the grid.
        var link = dir.File("grid-link.sbatch");
        File.CreateSymbolicLink(link, script);
        var again = cluster.Run("sbatch", "--parsable", "--hold", "--array=3", link);
        Assert.True(again.Code == 0, again.StdErr);
        var job2 = again.StdOut.Trim().Split(';')[0];
        var held = cluster.Run("squeue", "-j", job2, "--array", "--noheader", "--format=%K|%T|%o");
        Assert.Equal($"3|PENDING|{link}", held.StdOut.Trim());
        // Until it is recorded nothing ties that job to the grid; recorded, squeue's element is found by its job id.
        Assert.StartsWith("task 3: failed, 0/3 epochs", cluster.Freqlab("grid", "status", folder).StdOut.Split('\n')[3]);
        var record = cluster.Freqlab("grid", "status", folder, "--job", job2, "--array", "3");
        Assert.True(record.Code == 0, record.StdErr);
        Assert.StartsWith($"recorded job {job2} (array 3) as a submission of {script}", record.StdOut);
        Assert.StartsWith("task 3: pending", record.StdOut.Split('\n')[4]);
        Assert.Equal([job, job2], SlurmSubmission.ReadAll(folder).Select(s => s.JobId));
        var release = cluster.Run("scontrol", "release", job2);
        Assert.True(release.Code == 0, release.StdErr);
        cluster.WaitUntilLeftQueue(link);

        var collect = cluster.Freqlab("grid", "collect", folder);
        Assert.True(collect.Code == 0, collect.StdErr);
        Assert.Equal($"{job2}_3", GridTaskStatus.Read(folder, 3)!.JobId);
        var local = Freqlab.Run([.. Tiny, "--out", dir.File("local"), "--workers", "1"]);
        Assert.True(local.ExitCode == 0, local.StdErr);
        SlurmGridTests.AssertSameSweep(dir.File("local"), folder, epochs: 3);
    }

}
