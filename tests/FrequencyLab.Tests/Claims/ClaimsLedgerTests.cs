using System.Text.Json;
using FrequencyLab.Claims;
using FrequencyLab.Scales;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Claims;

/// <summary>The whole ledger on a tiny configuration (0.1 s of signal, 3 seeds, 2 and 3 epochs): every claim gets a
/// verdict with evidence, claims.json has exactly the documented shape, and a rerun reuses the finished runs.</summary>
public class ClaimsLedgerTests
{
    private static readonly LedgerSettings Tiny = StudyScales.Quick.Ledger with
    {
        Mode = "test-tiny", Duration = 0.1, ShortEpochs = 2, LongEpochs = 3, WarmupEpochs = 2, Workers = 2,
    };

    [Fact]
    public void Tiny_ledger_end_to_end_judges_every_claim_with_evidence_and_a_rerun_reuses_the_runs()
    {
        using var dir = new TempDir();
        var claims = ReportClaims.Embedded();
        var ledger = new ClaimsLedger(Tiny);
        var progress = new List<ClaimsProgress>();
        var verdicts = ledger.Run(claims, Path.Combine(dir.Path, "runs"), new Recorder(progress));
        var path = ClaimsJson.Write(dir.Path, verdicts);

        Assert.Equal(claims.Count, verdicts.Count);
        foreach (var v in verdicts)
        {
            Assert.NotEmpty(v.Finding.Measurements);
            Assert.False(v.Finding.Explanation.StartsWith("Not measured", StringComparison.Ordinal), $"{v.Claim.Id}: {v.Finding.Explanation}");
            Assert.Contains("TEST-TINY MODE", v.ExperimentText);
        }
        Assert.Contains(progress, p => p.Finished is not null);
        Assert.Equal(progress.Last(p => p.Stage == "training").ExperimentsTotal, progress.Last(p => p.Stage == "training").ExperimentsDone);

        using (var doc = JsonDocument.Parse(File.ReadAllText(path)))
        {
            Assert.Equal(["claims"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            string[] fields = ["id", "question", "section", "quote", "quantity", "experiment", "rule", "verdict", "evidence", "explanation"];
            foreach (var (c, claim) in doc.RootElement.GetProperty("claims").EnumerateArray().Zip(claims))
            {
                // The optional fields follow when the claims file gives them: the notebook section, the timing flag.
                string[] optional = [.. claim.Notebook is null ? Array.Empty<string>() : ["notebook"], .. claim.Timing ? ["timing"] : Array.Empty<string>()];
                Assert.Equal([.. fields, .. optional], c.EnumerateObject().Select(p => p.Name));
                if (claim.Notebook is { } notebook) Assert.Equal(notebook, c.GetProperty("notebook").GetString());
                Assert.Contains(c.GetProperty("verdict").GetString(), new[] { "supported", "contradicted", "inconclusive" });
                Assert.True(c.GetProperty("evidence").GetArrayLength() > 0);
            }
        }

        // One store: a folder per distinct run, so the 5-epoch lr 1e-4 runs are the restart's first epochs, not runs of
        // their own; a second ledger run trains nothing and gives the same file.
        var store = Path.Combine(dir.Path, "runs", "test-tiny");
        var runFolders = Directory.GetDirectories(store);
        var experiments = ledger.ExperimentsFor(claims);
        var distinct = experiments.SelectMany(e => e.Runs).Select(r => FrequencyLab.Grid.RunKey.Of(r.Config)).Distinct().Count();
        Assert.Equal(distinct, runFolders.Length);
        Assert.True(distinct < experiments.Sum(e => e.Seeds.Count), "the lr 1e-4 experiment should share the restart's runs");
        Assert.All(Tiny.InitSeeds, s => Assert.DoesNotContain(Path.Combine(store, $"lr-1e-4-seed-{s}"), runFolders));
        var before = File.ReadAllText(path);
        var stamp = runFolders.Select(f => File.GetLastWriteTimeUtc(Path.Combine(f, "history.json"))).ToArray();
        var reruns = new List<ClaimsProgress>();
        var again = ledger.Run(claims, Path.Combine(dir.Path, "runs"), new Recorder(reruns));
        Assert.Equal(before, ClaimsJson.Serialize(again));
        // Everything was found in the store: every experiment counts as done from the first report on.
        var training = reruns.Where(p => p.Stage == "training").ToArray();
        Assert.All(training, p => Assert.Equal(p.ExperimentsTotal, p.ExperimentsDone));
        Assert.Equal(stamp, runFolders.Select(f => File.GetLastWriteTimeUtc(Path.Combine(f, "history.json"))).ToArray());
    }

    [Fact]
    public void A_ledger_folder_of_the_old_layout_is_refused_with_one_line_and_left_as_it_was()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "runs", "test-tiny");
        Directory.CreateDirectory(Path.Combine(folder, "lr-1e-3"));
        var settings = Path.Combine(folder, LedgerRunsFolder.SettingsFile);
        File.WriteAllText(settings, """{"Mode": "test-tiny", "Duration": 0.1, "InitSeeds": [0, 1, 2], "ShortEpochs": 2, "LongEpochs": 3, "WarmupEpochs": 2, "TorchReportRun": false}""");
        var bytes = File.ReadAllBytes(settings);
        var e = Assert.ThrowsAny<FrequencyLabException>(() => new ClaimsLedger(Tiny).Run(ReportClaims.Embedded(), Path.Combine(dir.Path, "runs")));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("format 1", e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(settings));
        Assert.Single(Directory.GetDirectories(folder));
    }

    [Fact]
    public void A_claim_whose_experiment_did_not_run_is_inconclusive_and_says_so()
    {
        var evidence = new LedgerEvidence(Tiny, new Dictionary<string, IReadOnlyList<FrequencyLab.Training.TrainingHistory>>());
        var finding = ClaimsLedger.Judge("h1-lower-lr-removes-rise", evidence);
        Assert.Equal(FrequencyLab.Findings.Verdict.Inconclusive, finding.Verdict);
        Assert.Contains("lr-1e-3", finding.Explanation);
    }

    private sealed class Recorder(List<ClaimsProgress> list) : IProgress<ClaimsProgress>
    {
        public void Report(ClaimsProgress value) { lock (list) list.Add(value); }
    }
}
