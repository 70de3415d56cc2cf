using System.Text.Json;
using FrequencyLab.Claims;
using FrequencyLab.Scales;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Claims;

public class ReportClaimsTests
{
    private static readonly string ClaimsPath = RepoPaths.Combine("data", "report-claims.json");

    [Fact]
    public void The_committed_file_has_at_least_20_claims_each_with_a_rule_in_code_and_the_build_embeds_it_unchanged()
    {
        var file = ReportClaims.Load(ClaimsPath);
        Assert.True(file.Count >= 20, $"{file.Count} claims");
        Assert.Equal(file, ReportClaims.Embedded());
        // Both directions: no claim without a judge (Load refuses those) and no judge without a claim.
        Assert.Equal(ClaimJudges.Ids.Order(StringComparer.Ordinal), file.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_issue_s_list_of_claims_is_covered()
    {
        var ids = ReportClaims.Load(ClaimsPath).Select(c => c.Id).ToHashSet();
        foreach (var id in new[] { "loss-table-best-epoch-1", "loss-table-jump-epoch-2", "loss-table-monotonic", "h1-lower-lr-removes-rise", "h1-overshoot-mechanism", "root-cause-lr-too-high", "h2-adam-state",
                     "h3-state-reset", "h4-noise-forgetting", "h5-lucky-init", "training-numerically-sound", "memory-carried-state-used", "gradient-flow-across-rows", "forecast-lr-1e-4",
                     "mse-0-01-in-40-50-epochs", "epochs-to-target-table", "early-stopping-30-40", "noise-floor-0-01-0-02", "noise-variance-3-3",
                     "variance-sqrt-3200", "fft-correct-frequencies", "per-sample-randomization-correct", "hidden-64-adequate", "clip-1-conservative",
                     "seconds-per-epoch-17", "parameters-18241", "generalization-gap-risk", "contingency-lr-5e-5", "contingency-lr-2e-4",
                     "contingency-warmup", "contingency-plateau", "contingency-accumulate-10", "contingency-sgd-momentum", "contingency-hidden-128",
                     // §3, §8.1, §8.4 and §9 (the conclusion issue): the pathology verdict, what L = 1 training should look like,
                     // feasibility, the success probabilities, the fundamental limitation and the monitoring step.
                     "pathological-not-normal-variance", "l1-gradual-decrease", "feasible-0-01", "p-success-50-epochs-55",
                     "fundamental-limitation-25", "most-likely-0-008-0-015", "proceed-with-confidence", "first-5-epochs-improve" })
            Assert.Contains(id, ids);
    }

    [Fact]
    public void Every_judge_names_only_experiments_the_ledger_defines()
    {
        foreach (var settings in new[] { LedgerSettings.Full, StudyScales.Quick.Ledger })
        {
            var keys = LedgerExperiments.All(settings).Select(e => e.Key).ToHashSet();
            foreach (var id in ClaimJudges.Ids)
                foreach (var key in ClaimJudges.RequiredRuns(id, settings))
                    Assert.True(keys.Contains(key), $"{id} needs {key} in {settings.Mode}");
        }
    }

    [Theory]
    [InlineData("{\"claims\": [", "invalid JSON")]
    [InlineData("{\"name\": \"some other file\"}", "not a claims file")]
    [InlineData("[1, 2, 3]", "not a claims file")]
    [InlineData("{\"kind\": \"frequencylab-report-claims\", \"schemaVersion\": 9, \"claims\": []}", "schema version")]
    [InlineData("{\"kind\": \"frequencylab-report-claims\", \"schemaVersion\": 1.5, \"claims\": []}", "schema version")]
    [InlineData("{\"kind\": \"frequencylab-report-claims\", \"schemaVersion\": 1, \"claims\": []}", "no \"claims\" array")]
    [InlineData("{\"kind\": \"frequencylab-report-claims\", \"schemaVersion\": 1, \"claims\": [{\"id\": \"x\"}]}", "claim 0 has no \"section\"")]
    public void Bad_files_are_refused_with_one_line_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<FrequencyLabException>(() => ReportClaims.Parse(json, "f.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("f.json: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_claim_without_a_rule_and_a_duplicate_are_refused()
    {
        var doc = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(ClaimsPath))!;
        var claims = doc["claims"].EnumerateArray().Select(c => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.GetRawText())!).ToList();
        string With(List<Dictionary<string, JsonElement>> list) => JsonSerializer.Serialize(new { kind = ReportClaims.Kind, schemaVersion = 1, claims = list });

        var unknown = claims.Take(2).Append(new Dictionary<string, JsonElement>(claims[0]) { ["id"] = JsonSerializer.SerializeToElement("moon-is-cheese") }).ToList();
        Assert.Contains("claim moon-is-cheese has no rule", Assert.Throws<FrequencyLabException>(() => ReportClaims.Parse(With(unknown), "f")).Message);
        var twice = claims.Take(2).Append(claims[0]).ToList();
        Assert.Contains($"claim {claims[0]["id"].GetString()} is given twice", Assert.Throws<FrequencyLabException>(() => ReportClaims.Parse(With(twice), "f")).Message);
        Assert.Equal(2, ReportClaims.Parse(With(claims.Take(2).ToList()), "f").Count); // control: a valid subset loads
    }
}
