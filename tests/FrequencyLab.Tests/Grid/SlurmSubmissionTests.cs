using CsCheck;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Grid;

/// <summary>A grid's recorded submissions without a cluster: Slurm array specs mapped to task indices, the submission record
/// read strictly (hostile files one line naming the file), and how the status judges a task that never started from the
/// newest submission that has it, the queue (squeue) and the accounting (sacct).</summary>
public class SlurmSubmissionTests
{
    private static readonly string[] Tiny =
        ["sweep", "--lr", "1e-2,3e-3", "--init-seed", "0", "--max-rows", "300", "--hidden", "8", "--epochs", "2", "--engine", "fused"];

    private static readonly Dictionary<int, GridTaskState> EmptyQueue = [];

    [Theory]
    [InlineData("0-11%3", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 })]
    [InlineData("4", new[] { 4 })]
    [InlineData("1,3,5-7", new[] { 1, 3, 5, 6, 7 })]
    [InlineData("0-15:4", new[] { 0, 4, 8, 12 })]
    [InlineData("1-9:4%2", new[] { 1, 5, 9 })]
    [InlineData("7,2-3,3", new[] { 2, 3, 7 })]
    [InlineData("0-99999", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 })]
    public void An_array_spec_maps_to_the_task_indices_it_names(string spec, int[] indices)
    {
        var array = SlurmArray.Parse(spec);
        Assert.Equal(indices, array.IndicesBelow(20));
        Assert.Equal(spec, array.Spec);
        Assert.False(array.Covers(-1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("3-1")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("1,,2")]
    [InlineData("0-5%0")]
    [InlineData("0-5%")]
    [InlineData("%3")]
    [InlineData("9999999999")]
    [InlineData("3:2")]
    [InlineData("0-4:0")]
    [InlineData(" 1")]
    [InlineData("1-2-3")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData("0-3%1%2")]
    public void A_string_that_is_not_an_array_spec_is_refused_in_one_line(string spec)
    {
        Assert.False(SlurmArray.IsSpec(spec));
        var e = Assert.Throws<FrequencyLabException>(() => SlurmArray.Parse(spec));
        HostileInput.AssertOneLine(e.Message, "is not a Slurm array spec");
    }

    [Fact]
    public void Any_list_of_indices_and_stepped_ranges_covers_exactly_the_indices_it_names()
    {
        var item = Gen.Select(Gen.Int[0, 60], Gen.Int[0, 20], Gen.Int[0, 5]);
        Gen.Select(item.Array[1, 6], Gen.Int[0, 4]).Sample((items, k) =>
        {
            var spec = string.Join(',', items.Select(i => i.Item2 == 0 ? $"{i.Item1}" : i.Item3 == 0 ? $"{i.Item1}-{i.Item1 + i.Item2}" : $"{i.Item1}-{i.Item1 + i.Item2}:{i.Item3}"))
                + (k > 0 ? $"%{k}" : "");
            var expected = items.SelectMany(i => Enumerable.Range(i.Item1, i.Item2 + 1).Where(x => (x - i.Item1) % Math.Max(1, i.Item3) == 0)).Distinct().Order();
            Assert.Equal(expected, SlurmArray.Parse(spec).IndicesBelow(100));
        }, iter: 500, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Any_variant_of_a_submission_record_is_a_valid_record_or_one_line_naming_the_file()
    {
        using var dir = new TempDir();
        var record = new SlurmSubmission("4711", "0-11%3", new DateTime(2026, 12, 4, 23, 0, 0, DateTimeKind.Utc), "/shared/grid/slurm/grid.sbatch");
        SlurmSubmission.Write(dir.Path, record);
        var path = SlurmSubmission.PathOf(dir.Path, "4711");
        Assert.Equal(record, Assert.Single(SlurmSubmission.ReadAll(dir.Path)));
        var json = File.ReadAllText(path);
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, "4711.json", _ =>
        {
            // Whatever reads is a record of job 4711 (its file's name) with a valid array.
            var read = Assert.Single(SlurmSubmission.ReadAll(dir.Path));
            Assert.Equal("4711", read.JobId);
            Assert.True(SlurmArray.IsSpec(read.Array));
        }), iter: 300, threads: 1, seed: "0N0XIzNsQ0O2");

        File.WriteAllText(path, json.Replace("\"4711\"", "\"4712\""));
        var renamed = Assert.Throws<DataFileException>(() => SlurmSubmission.ReadAll(dir.Path));
        HostileInput.AssertOneLine(renamed.Message, "4711.json");
        Assert.Contains("$.jobId: 4712, not the 4711 of its file name", renamed.Message, StringComparison.Ordinal);
        File.Delete(path);
        File.WriteAllText(Path.Combine(SlurmSubmission.FolderOf(dir.Path), "latest.json"), json);
        var misnamed = Assert.Throws<DataFileException>(() => SlurmSubmission.ReadAll(dir.Path));
        HostileInput.AssertOneLine(misnamed.Message, "latest.json");
    }

    [Fact]
    public void A_task_that_never_started_is_judged_by_the_newest_submission_that_has_it()
    {
        using var dir = new TempDir();
        var folder = dir.File("s");
        Assert.Equal(0, Freqlab.Run([.. Tiny, "--out", folder, "--slurm", "--slurm-script-only"]).ExitCode);
        var grid = ClusterGrid.Open(folder);
        var script = SlurmScript.PathIn(folder);
        // Nothing recorded (a script-only grid): pending, as a scheduler that has not started it yet would leave it.
        Assert.All(grid.Status(EmptyQueue), t => Assert.Equal(GridTaskState.Pending, t.State));
        Assert.Empty(grid.RecordedJobs());

        var first = grid.RecordSubmission("10");
        Assert.Equal("0-1", first.Array);
        // No scheduler answered: nothing can be said beyond pending.
        Assert.All(grid.Status(), t => Assert.Equal(GridTaskState.Pending, t.State));
        // Queued elements are pending or running; an element neither queued nor in the accounting never started.
        var status = grid.Status(new Dictionary<int, GridTaskState> { [1] = GridTaskState.Running });
        Assert.Equal([GridTaskState.Failed, GridTaskState.Running], status.Select(t => t.State));
        Assert.Equal($"never started and no longer queued (cancelled before it ran, or it could not start: see its log if it has one); resubmit it: sbatch --array=0 {script}", status[0].Message);
        Assert.Equal(Path.Combine(folder, "slurm", "10_0.log"), status[0].Log);
        // sacct's word wins where the cluster keeps accounting, and only a failure ends the task.
        var cancelled = new Dictionary<string, SlurmJobState> { ["10_0"] = new("10_0", "CANCELLED", "0:0"), ["10_1"] = new("10_1", "PENDING", "0:0") };
        status = grid.Status(null, cancelled);
        Assert.Equal([GridTaskState.Failed, GridTaskState.Pending], status.Select(t => t.State));
        Assert.Equal($"never started: Slurm job 10_0 ended CANCELLED (exit 0:0); resubmit it: sbatch --array=0 {script}", status[0].Message);
        Assert.Equal(["10_0", "10_1"], grid.RecordedJobs());

        // A resubmission of task 1 supersedes the array for that task only.
        grid.RecordSubmission("12", SlurmArray.Parse("1"));
        Assert.Equal(["10_0", "12_1"], grid.RecordedJobs());
        status = grid.Status(EmptyQueue);
        Assert.Equal([Path.Combine(folder, "slurm", "10_0.log"), Path.Combine(folder, "slurm", "12_1.log")], status.Select(t => t.Log));
        var failed = new Dictionary<string, SlurmJobState> { ["12_1"] = new("12_1", "NODE_FAIL", "0:0"), ["10_1"] = new("10_1", "CANCELLED", "0:0") };
        Assert.StartsWith("never started: Slurm job 12_1 ended NODE_FAIL (exit 0:0)", grid.Status(null, failed)[1].Message);

        // A task that ran is judged by its own status file and run folders, not by the submissions.
        Assert.Equal(0, Freqlab.Run("grid", "run-task", folder, "--index", "0").ExitCode);
        Assert.Equal([GridTaskState.Done, GridTaskState.Failed], grid.Status(EmptyQueue).Select(t => t.State));
    }

    [Fact]
    public void A_job_submitted_by_hand_is_recorded_by_status_and_a_new_plan_drops_the_old_records()
    {
        using var dir = new TempDir();
        var folder = dir.File("s");
        var plan = Freqlab.Run([.. Tiny, "--out", folder, "--slurm", "--slurm-script-only"]);
        Assert.Contains($"then record the job it prints, so status can tell an element that never started: freqlab grid status {folder} --job JOBID", plan.StdOut);

        var r = Freqlab.Run("grid", "status", folder, "--job", "77");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.StartsWith($"recorded job 77 (array 0-1) as a submission of {SlurmScript.PathIn(folder)}", r.StdOut);
        Assert.EndsWith("submissions: 1 recorded, newest job 77", r.StdOut.TrimEnd());
        Assert.Equal(0, Freqlab.Run("grid", "status", folder, "--job", "78", "--array", "1").ExitCode);
        Assert.Equal([("77", "0-1"), ("78", "1")], SlurmSubmission.ReadAll(folder).Select(s => (s.JobId, s.Array)));

        foreach (var bad in new[] { new[] { "--job", "12a" }, ["--job", "78", "--array", "3-1"], ["--array", "1"] })
        {
            var refused = Freqlab.Run(["grid", "status", folder, .. bad]);
            Assert.Equal(2, refused.ExitCode);
        }
        Assert.Equal(2, SlurmSubmission.ReadAll(folder).Count);

        // Another grid planned into the folder renumbers the tasks: the old records describe other tasks and go.
        string[] larger = [.. Tiny.Select(a => a == "1e-2,3e-3" ? "3e-2,1e-2,3e-3" : a)];
        Assert.Equal(0, Freqlab.Run([.. larger, "--out", folder, "--slurm", "--slurm-script-only"]).ExitCode);
        Assert.Empty(SlurmSubmission.ReadAll(folder));
        Assert.Equal("0-2", ClusterGrid.Open(folder).RecordSubmission("79").Array);
    }
}
