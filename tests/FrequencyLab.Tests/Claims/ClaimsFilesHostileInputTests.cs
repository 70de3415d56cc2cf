using CsCheck;
using FrequencyLab.Claims;
using FrequencyLab.Scales;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;

namespace FrequencyLab.Tests.Claims;

/// <summary>The claims file and a ledger's ledger.json made hostile: a value or one line naming the file.</summary>
public class ClaimsFilesHostileInputTests
{
    [Fact]
    public void Any_variant_of_the_claims_file_is_claims_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File("report-claims.json");
        var json = File.ReadAllText(RepoPaths.Combine("data", "report-claims.json"));
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, "report-claims.json", p => ReportClaims.Load(p)), iter: 300, threads: 1);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("null")]
    [InlineData("[\"id\"]")]
    public void A_claim_that_is_not_an_object_is_one_line(string claim)
    {
        var json = $"{{\"kind\": \"{ReportClaims.Kind}\", \"schemaVersion\": 1, \"claims\": [{claim}]}}";
        var e = Assert.ThrowsAny<FrequencyLabException>(() => ReportClaims.Parse(json, "claims.json"));
        Assert.Equal("claims.json: claim 0 is not a JSON object", e.Message);
    }

    [Fact]
    public void Any_variant_of_ledger_json_is_settings_or_one_line()
    {
        using var dir = new TempDir();
        LedgerRunsFolder.Record(dir.Path, StudyScales.Quick.Ledger);
        var path = dir.File(LedgerRunsFolder.SettingsFile);
        var json = File.ReadAllText(path);
        Assert.Equal(StudyScales.Quick.Ledger.Label, LedgerRunsFolder.Read(dir.Path).Label);
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(path, bytes, LedgerRunsFolder.SettingsFile, _ => LedgerRunsFolder.Read(dir.Path)), iter: 300, threads: 1);
    }
}
