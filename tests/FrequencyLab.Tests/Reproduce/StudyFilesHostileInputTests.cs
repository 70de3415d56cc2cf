using CsCheck;
using FrequencyLab.Diagnostics;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>reproduce.json, a ledger's claims.json and the report-figures file made hostile: a value or one line naming the file.</summary>
public class StudyFilesHostileInputTests
{
    [Fact]
    public void Any_variant_of_reproduce_json_is_a_manifest_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File(ReproduceManifest.FileName);
        new ReproduceManifest { Profile = "quick", Engine = "fused" }
            .With(new StageRecord("data", StageStatus.Completed, "abc", 1.5, "2 files"))
            .With(new StageRecord("sweep", StageStatus.Failed, "def", 0.25, "", "boom")).Write(path);
        Assert.Equal(2, ReproduceManifest.Read(path).Stages.Count);
        var json = File.ReadAllText(path);
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, ReproduceManifest.FileName, p => ReproduceManifest.Read(p)), iter: 300, threads: 1);
    }

    [Fact]
    public void Any_variant_of_a_ledger_claims_json_is_claims_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File("claims.json");
        const string json = """
            {"claims": [{"id": "H1", "section": "5", "quote": "lr too high", "experiment": "sweep", "rule": "r", "verdict": "supported",
              "evidence": [{"name": "mse", "value": 0.25, "unit": "", "lower": 0.2, "upper": 0.3}, {"name": "n", "value": "3", "unit": "runs"}],
              "explanation": "e", "notebook": "02-x.ipynb#a", "timing": false}]}
            """;
        Assert.Single(LedgerClaim.Read(WriteTo(path, json)));
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, "claims.json", p => LedgerClaim.Read(p)), iter: 300, threads: 1);
    }

    [Fact]
    public void Any_variant_of_the_report_figures_is_figures_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File("figures.json");
        var json = File.ReadAllText(RepoPaths.Combine(ReportFigures.RelativePath));
        Assert.Equal(5, ReportFigures.Load(WriteTo(path, json)).EpochLosses.Count);
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, "figures.json", p => ReportFigures.Load(p)), iter: 300, threads: 1);
    }

    private static string WriteTo(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
