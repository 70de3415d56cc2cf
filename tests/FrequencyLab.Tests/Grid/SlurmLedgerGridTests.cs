using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrequencyLab.Claims;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>
/// The claims ledger and the learnability matrix as Slurm job arrays on a real single-node Slurm (<see cref="SlurmCluster"/>):
/// submitted with <c>freqlab claims|learnability … --slurm</c>, trained by the array's elements, collected with
/// <c>freqlab grid collect</c>, and equal to the same verb run locally: the ledger's claims.json byte for byte and every run's
/// numbers, the matrix's results.json (timings aside). The test cluster keeps no accounting, so the status falls back to
/// squeue without a word of error.
/// </summary>
public sealed class SlurmLedgerGridTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    /// <summary>A tiny ledger (200 rows, 3 seeds, 2- and 3-epoch experiments, fused) over two claims: 12 distinct runs.</summary>
    private static string[] Ledger(string claims) =>
        ["claims", "--quick", "--seconds", "0.05", "--epochs", "2,3", "--claims", claims];

    /// <summary>The quick matrix (320 rows, H = 16) with one seed and one epoch: 12 runs. Its recipe is collected by
    /// <see cref="SlurmPlanKindsTests"/> from tasks run by hand (15 epochs each; seven more array elements here).</summary>
    private static readonly string[] Matrix = ["learnability", "--quick", "--epochs", "1", "--seeds", "1", "--no-recipe"];

    [Fact]
    public void A_ledger_submitted_as_an_array_collects_to_the_claims_of_the_ledger_run_locally()
    {
        using var dir = new TempDir();
        var claims = dir.File("claims-file.json");
        File.WriteAllText(claims, SlurmPlanKindsTests.ClaimsFile(ReportClaims.Embedded().Where(c => c.Id is "h1-lower-lr-removes-rise" or "lr-1e-4-stable-descent")));
        var folder = dir.File("cluster");
        var submit = cluster.Freqlab([.. Ledger(claims), "--out", folder, "--slurm", "--max-parallel", "2"]);
        Assert.True(submit.Code == 0, submit.StdErr);
        Assert.Matches(@"^submitted job \d+: 12 tasks \(15 runs\)", submit.StdOut);

        cluster.WaitUntilLeftQueue(SlurmScript.PathIn(folder));
        var status = cluster.Freqlab("grid", "status", folder);
        Assert.True(status.Code == 0, status.StdErr);
        Assert.Contains("ledger grid: 12 tasks (12 done); queue: 0 element(s) queued or running; accounting: sacct not available", status.StdOut);
        Assert.Equal("", status.StdErr);
        var collect = cluster.Freqlab("grid", "collect", folder);
        Assert.True(collect.Code == 0, collect.StdErr);
        Assert.Contains($"collected 15 runs of the ledger; index: {Path.Combine(folder, ClaimsJson.FileName)}", collect.StdOut);

        var local = Freqlab.Run([.. Ledger(claims), "--out", dir.File("local"), "--workers", "1"]);
        Assert.True(local.ExitCode == 0, local.StdErr);
        // The verdicts and their evidence, byte for byte; the runs folder's ledger.json; every run's numbers.
        Assert.Equal(File.ReadAllText(dir.File("local/claims.json")), File.ReadAllText(Path.Combine(folder, ClaimsJson.FileName)));
        var plan = GridPlan.Read(folder);
        var localStore = plan.StoreIn(dir.File("local"));
        Assert.Equal(File.ReadAllText(Path.Combine(localStore, LedgerRunsFolder.SettingsFile)), File.ReadAllText(Path.Combine(plan.StoreIn(folder), LedgerRunsFolder.SettingsFile)));
        Assert.Equal(RunNumbers(localStore), RunNumbers(plan.StoreIn(folder)));
        Assert.Equal(12, RunNumbers(plan.StoreIn(folder)).Count);
    }

    [Fact]
    public void A_learnability_matrix_submitted_as_an_array_collects_to_the_results_of_the_matrix_run_locally()
    {
        using var dir = new TempDir();
        var folder = dir.File("cluster");
        var submit = cluster.Freqlab([.. Matrix, "--out", folder, "--slurm"]);
        Assert.True(submit.Code == 0, submit.StdErr);
        Assert.Matches(@"^submitted job \d+: 12 tasks \(12 runs\)", submit.StdOut);

        cluster.WaitUntilLeftQueue(SlurmScript.PathIn(folder));
        var status = cluster.Freqlab("grid", "status", folder);
        Assert.Contains("learnability grid: 12 tasks (12 done)", status.StdOut);
        var collect = cluster.Freqlab("grid", "collect", folder);
        Assert.True(collect.Code == 0, collect.StdErr);
        Assert.Contains("additive-L40-per-block: median frozen test MSE ", collect.StdOut);

        var local = Freqlab.Run([.. Matrix, "--out", dir.File("local"), "--workers", "2"]);
        Assert.True(local.ExitCode == 0, local.StdErr);
        Assert.Equal(File.ReadAllText(dir.File("local/settings.json")), File.ReadAllText(Path.Combine(folder, "settings.json")));
        Assert.Equal(Untimed(dir.File("local/results.json")), Untimed(Path.Combine(folder, "results.json")));
        Assert.Equal(RunNumbers(dir.File("local/runs")), RunNumbers(Path.Combine(folder, "runs")));
    }

    /// <summary>Every run folder of a store: its name and every epoch's numbers, seconds aside.</summary>
    private static IReadOnlyDictionary<string, string> RunNumbers(string store) =>
        Directory.GetDirectories(store).Where(d => File.Exists(Path.Combine(d, "history.json"))).ToDictionary(d => Path.GetFileName(d), d =>
            TrainerFixtures.EpochNumbers(HistoryJson.Read(Path.Combine(d, "history.json"))));

    /// <summary>results.json with its wall-time fields (secondsPerEpoch) zeroed: the only numbers a machine's load changes.</summary>
    private static string Untimed(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
                foreach (var key in o.Select(p => p.Key).ToArray())
                    if (key.StartsWith("seconds", StringComparison.Ordinal)) o[key] = 0; else Walk(o[key]);
            else if (n is JsonArray a) foreach (var item in a) Walk(item);
        }
        Walk(node);
        return node.ToJsonString();
    }
}
