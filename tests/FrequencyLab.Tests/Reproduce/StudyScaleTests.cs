using FrequencyLab.Claims;
using FrequencyLab.Reproduce;
using FrequencyLab.Scales;
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
        // Every experiment runs on the report's rows, and the ledger's TorchSharp seed is the page's own run: one stored run.
        Assert.All(experiments.Values, e => Assert.Equal(40_000, e.Config.Data.Spec.SampleCount * e.Config.Data.Spec.FrequencyCount));
        Assert.Equal(FrequencyLab.Grid.RunKey.Of(page), FrequencyLab.Grid.RunKey.Of(experiments[key].Runs[0].Config));
        Assert.All(experiments[key].Runs.Skip(1), r => Assert.Equal("fused", r.Config.Engine));
    }

    [Fact]
    public void The_quick_ledger_keeps_its_own_scale_and_says_so()
    {
        Assert.Equal(LedgerExperiments.Lr1e3, LedgerExperiments.ReportRun(StudyScales.Quick.Ledger));
        Assert.DoesNotContain("report's scale", StudyScales.Quick.Ledger.Label);
        Assert.StartsWith("FULL: 10 s of signal (40,000 rows per epoch)", ReproduceProfile.Full.Ledger.Label);
        Assert.Contains("TorchSharp (seed 0; 1, 2 on the fused engine)", ReproduceProfile.Full.Ledger.Label);
    }
}

/// <summary>One table of scales (<see cref="StudyScales"/>): the study, the ledger, the matrix and the notebooks read the same
/// row, and the full study is the one it was.</summary>
public class StudyScaleTableTests
{
    [Fact]
    public void The_full_study_keeps_its_scale()
    {
        var full = ReproduceProfile.Full;
        Assert.Equal((10.0, 5, 50, 10, 20), (full.SignalSeconds, full.ReportRunEpochs, full.ProposedEpochs, full.ProposedPatience, full.SweepEpochs));
        Assert.Equal([1e-3, 3e-4, 1e-4, 3e-5], full.SweepLearningRates);
        Assert.Equal([0UL, 1, 2, 3], full.SweepSeeds);
        Assert.False(full.NotebooksQuick);
        var ledger = ReproduceProfile.StudyLedger;
        Assert.Same(full.Ledger, ledger);
        // The ledger at the report's scale, as `freqlab claims` runs it: no reduced STUDY MODE any more.
        Assert.Equal(("full", 10.0, 5, 50, 10, true, 1), (ledger.Mode, ledger.Duration, ledger.ShortEpochs, ledger.LongEpochs, ledger.WarmupEpochs, ledger.TorchReportRun, ledger.TorchSeeds));
        Assert.Equal(FrequencyLab.Claims.LedgerSettings.Full.Label, ledger.Label);
        Assert.Equal([0UL, 1, 2], ledger.InitSeeds);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new FrequencyLab.Learnability.LearnabilitySettings { Recipe = new() }),
            System.Text.Json.JsonSerializer.Serialize(full.Learnability));
        // The recipe the hand search found (docs/learnability.md), with its own 15-epoch budget, beside the matrix.
        Assert.Equal((300, 15, 1e-2, 100.0), (full.Learnability.Recipe!.Window, full.Learnability.Recipe.Epochs, full.Learnability.Recipe.LearningRate, full.Learnability.Recipe.ForgetGate.MaxTimescale));
    }

    [Fact]
    public void Quick_is_one_task_read_by_the_study_the_ledger_the_matrix_and_the_notebooks()
    {
        var quick = StudyScales.Quick;
        Assert.Same(quick, ReproduceProfile.Quick.Scale);
        Assert.Same(quick, StudyScales.For(quick: true));
        Assert.Equal(quick.SignalSeconds, ReproduceProfile.Quick.Spec.Duration);
        Assert.Equal((quick.SignalSeconds, quick.ShortEpochs, quick.LongEpochs), (quick.Ledger.Duration, quick.Ledger.ShortEpochs, quick.Ledger.LongEpochs));
        Assert.Equal(quick.InitSeeds, quick.Ledger.InitSeeds);
        Assert.Equal((quick.SignalSeconds, "quick"), (quick.Learnability.Spec.Duration, quick.Learnability.Label));
        Assert.Equal(quick.InitSeeds, quick.Learnability.InitSeeds);
        Assert.Equal((quick.SignalSeconds, quick.LongEpochs, quick.Patience), (quick.ProposedFix.Data.Spec.Duration, quick.ProposedFix.Epochs, quick.ProposedFix.EarlyStopping!.Patience));
        Assert.Same(quick.Learnability, FrequencyLab.Learnability.LearnabilityMatrix.For(quick: true, folder: null).Settings);
        Assert.Same(quick.Ledger, DivergenceStudy.For(quick: true, ledgerRuns: null).Settings);
        Assert.Same(quick.Ledger, RestartStudy.For(quick: true, ledgerRuns: "").Settings);
        Assert.Same(StudyScales.Full.Ledger, RestartStudy.For(quick: false, ledgerRuns: null).Settings);
        Assert.Equal(StudyScales.All, ReproduceProfile.All.Select(p => p.Scale));
        Assert.Same(StudyScales.Tiny, StudyScales.Named("tiny"));
        Assert.Equal("no scale 'huge' (scales: full, quick, tiny)", Assert.Throws<FrequencyLabException>(() => StudyScales.Named("huge")).Message);
    }

    [Fact]
    public void The_tiny_scale_stays_tiny()
    {
        var tiny = StudyScales.Tiny;
        Assert.Equal(1_000, tiny.Spec.SampleCount * tiny.Spec.FrequencyCount);
        Assert.Equal(200, tiny.Ledger.RowsPerEpoch);
        Assert.Equal((1, 1), (tiny.Learnability.Epochs, tiny.Learnability.InitSeeds.Length));
        // The recipe at tiny scale is 2 epochs of the small model on one seed: labelled, it trains but is not judged.
        Assert.Equal((2, 7), (tiny.Learnability.Recipe!.Epochs, tiny.Learnability.RecipeRuns().Count));
        Assert.True(tiny.IsReduced && ReproduceProfile.Tiny.NotebooksQuick);
    }

    [Fact]
    public void A_ledger_runs_folder_gives_its_settings_and_one_named_otherwise_is_refused()
    {
        using var tmp = new TempDir();
        var folder = LedgerRunsFolder.For(tmp.File("runs"), StudyScales.Tiny.Ledger);
        LedgerRunsFolder.Record(folder, StudyScales.Tiny.Ledger);
        var study = DivergenceStudy.For(quick: false, folder);
        Assert.Equal(StudyScales.Tiny.Ledger.Label, study.Label);
        Assert.Contains(LedgerExperiments.ReportRun(study.Settings), study.Keys);
        Assert.Equal((StudyScales.Tiny.Ledger.Label, tmp.File("runs")), (LedgerRunsFolder.Open(folder).Settings.Label, LedgerRunsFolder.Open(folder).RunsRoot));

        var renamed = tmp.File("elsewhere");
        Directory.Move(folder, renamed);
        var e = Assert.Throws<FrequencyLabException>(() => RestartStudy.For(quick: true, renamed));
        Assert.Equal($"{renamed} holds tiny runs, but a ledger's runs folder is named after its mode (RUNS/tiny)", e.Message);
    }
}
