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

        // Every experiment left a finished sweep folder; a second ledger run trains nothing and gives the same file.
        var runFolders = Directory.GetDirectories(Path.Combine(dir.Path, "runs", "test-tiny"));
        Assert.Equal(ledger.ExperimentsFor(claims).Count, runFolders.Length);
        var before = File.ReadAllText(path);
        var stamp = runFolders.Select(f => File.GetLastWriteTimeUtc(Path.Combine(f, Directory.GetDirectories(f)[0], "history.json"))).ToArray();
        var again = ledger.Run(claims, Path.Combine(dir.Path, "runs"));
        Assert.Equal(before, ClaimsJson.Serialize(again));
        Assert.Equal(stamp, runFolders.Select(f => File.GetLastWriteTimeUtc(Path.Combine(f, Directory.GetDirectories(f)[0], "history.json"))).ToArray());
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
