using FrequencyLab.Claims;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>
/// One number per quantity: in the full study every claim about the report's own run is judged on runs of the task the
/// page's full-scale rerun trains (40,000 rows, the same optimizer, epochs, reset and order), never on the ledger's reduced rows.
/// </summary>
public class StudyScaleTests
{
    [Theory]
    [InlineData("loss-table-reproduces")]
    [InlineData("loss-table-best-epoch-1")]
    [InlineData("loss-table-jump-epoch-2")]
    [InlineData("loss-table-monotonic")]
    [InlineData("best-performance-is-model-quality")]
    [InlineData("h1-overshoot-mechanism")]
    [InlineData("h5-lucky-init")]
    [InlineData("pathological-not-normal-variance")]
    [InlineData("memory-carried-state-used")]
    [InlineData("gradient-flow-across-rows")]
    [InlineData("training-numerically-sound")]
    [InlineData("clip-1-conservative")]
    public void A_claim_about_the_report_s_run_is_judged_at_the_report_s_scale_in_the_full_study(string id)
    {
        var ledger = ReproduceProfile.Full.Ledger;
        var page = new ReproduceContext(new ReproduceOptions(Path.GetTempPath(), RepoPaths.Root) { Profile = ReproduceProfile.Full }).ReportRun;
        var experiments = LedgerExperiments.All(ledger).ToDictionary(e => e.Key);
        var key = LedgerExperiments.ReportRun(ledger);
        Assert.Contains(key, ClaimJudges.RequiredRuns(id, ledger));
        var judged = experiments[key].Config;
        Assert.Equal(page.Data.Spec, judged.Data.Spec);
        Assert.Equal(40_000, judged.Data.Spec.SampleCount * judged.Data.Spec.FrequencyCount);
        Assert.Equal((page.LearningRate, page.Epochs, page.Reset, page.Data.Order, page.HiddenSize, page.Window),
            (judged.LearningRate, judged.Epochs, judged.Reset, judged.Data.Order, judged.HiddenSize, judged.Window));
        // The reduced-scale experiments stay reduced: only the report's run was moved to the report's scale.
        Assert.True(experiments[LedgerExperiments.Lr1e4].Config.Data.Spec.Duration < page.Data.Spec.Duration);
    }

    [Fact]
    public void The_quick_ledger_keeps_its_own_scale_and_says_so()
    {
        Assert.Equal(LedgerExperiments.Lr1e3, LedgerExperiments.ReportRun(LedgerSettings.Quick));
        Assert.DoesNotContain("report's scale", LedgerSettings.Quick.Label);
        Assert.Contains("at the report's scale (40,000 rows)", ReproduceProfile.Full.Ledger.Label);
    }
}
