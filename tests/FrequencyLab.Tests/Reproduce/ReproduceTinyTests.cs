using System.Net;
using FrequencyLab.Charts;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.Charts;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>
/// The study end to end at the tiny scale, without the notebooks stage (notebooks run in quick mode in
/// <see cref="Notebooks.NotebooksFolderTests"/> and in the slow <see cref="ReproduceQuickTests"/>): the real data, the
/// report's run on TorchSharp, the proposed fix and the sweep on the fused engine, the manifest and the page.
/// </summary>
public class ReproduceTinyTests
{
    private static ReproduceOutcome RunTiny(string folder, params IReproduceStage[] stages) =>
        new ReproduceJob(new ReproduceOptions(folder, RepoPaths.Root) { Profile = ReproduceProfile.Tiny, Jobs = 2 })
        {
            Stages = stages.Length > 0 ? stages : [new DataStage(), new ReportRunStage(), new ProposedFixStage(), new SweepStage(), new LearnabilityStage(), new ClaimsStage(), new PredictStage()],
        }.Run();

    [Fact]
    public void A_tiny_study_writes_an_offline_page_whose_charts_have_data_and_whose_ledger_judges_every_claim()
    {
        using var tmp = new TempDir();
        var folder = tmp.File("study");
        var outcome = RunTiny(folder);

        Assert.False(outcome.Cancelled);
        Assert.All(outcome.Manifest.Stages, s => Assert.True(s.Status == StageStatus.Completed, $"{s.Name}: {s.Status} {s.Message}"));
        Assert.Equal(["data", "report-run", "proposed-fix", "sweep", "learnability", "claims", "predict"], outcome.Manifest.Stages.Select(s => s.Name));
        Assert.All(outcome.Manifest.Stages, s => Assert.True(s.Seconds > 0));
        Assert.Equal("torch", outcome.Results.ReportRun!.Engine);
        Assert.Equal(ReproduceProfile.Tiny.ReportRunEpochs, outcome.Results.ReportRun.Epochs.Count);
        Assert.Equal(ReproduceProfile.Tiny.SweepLearningRates.Count * ReproduceProfile.Tiny.SweepSeeds.Count, outcome.Results.Sweep.Count);

        var html = File.ReadAllText(outcome.IndexPath);
        var figures = StudyPage.Figures(html);
        // The key chart, the report's run, the proposed fix, the sweep, the two forecast bands (train loss, frozen test MSE),
        // the learnability matrix.
        Assert.Equal(7, figures.Count);
        Assert.All(figures, f => Assert.True(StudyPage.FinitePoints(f) >= 2, f.ToString()[..200]));
        Assert.Equal(1, StudyPage.Count(html, "inlined so that the page renders offline"));
        Assert.Contains("id=\"claims\"", html);
        Assert.DoesNotContain("data-status=\"not-run\"", html);
        // Every claim of the claims file is on the page with a verdict, evidence and an explanation, at the tiny ledger's scale.
        var claims = FrequencyLab.Claims.ReportClaims.Embedded();
        Assert.Equal(claims.Select(c => c.Id), outcome.Results.Claims!.Select(c => c.Id));
        Assert.All(outcome.Results.Claims!, c =>
        {
            Assert.Contains(c.Verdict, new[] { "supported", "contradicted", "inconclusive" });
            Assert.True(c.Evidence.Count > 0 && c.Evidence.All(e => e.Value.Length > 0), $"{c.Id}: no evidence ({c.Explanation})");
            Assert.False(string.IsNullOrWhiteSpace(c.Explanation), c.Id);
            Assert.StartsWith("[TINY MODE", c.Experiment);
        });
        // The prediction section: both forecasts fitted to the proposed fix's epochs, banded to the horizon, with findings.
        var forecasts = outcome.Results.Forecasts!;
        Assert.Equal(["train loss", "frozen test MSE"], forecasts.Select(f => f.Metric));
        Assert.All(forecasts, f =>
        {
            Assert.Equal(outcome.Results.ProposedRun!.Epochs.Count, f.Curve.Count);
            Assert.Equal(PredictStage.Options.Horizon, f.Band.Count);
            Assert.All(f.Band, p => Assert.True(p.Lower <= p.Median && p.Median <= p.Upper && double.IsFinite(p.Median), p.ToString()));
            Assert.NotEmpty(f.Findings);
            Assert.All(f.Findings, x => Assert.NotEmpty(x.Measurements));
        });
        Assert.Equal(outcome.Results.ProposedRun!.Epochs.Select(e => e.FrozenTestMse), forecasts[1].Curve.Values);
        Assert.Equal(2, StudyPage.Count(html, "<div class=\"forecast\" data-metric="));
        Assert.Contains("the report: predicted loss for lr 1e-4", figures[4].ToString());
        // The learnability section: every cell of the tiny matrix trained and judged.
        var matrix = ReproduceProfile.Tiny.Learnability;
        Assert.Equal(matrix.Cells().Select(c => c.Key), outcome.Results.LearnabilityCells!.Select(c => c.Cell));
        Assert.All(outcome.Results.LearnabilityCells!, c => Assert.True(double.IsFinite(c.MedianTestMse) && c.MedianTestMse > 0, c.ToString()));
        Assert.Contains("id=\"learnability\"", html);
        // The recipe and its ablation ran in the study's store (tiny: one seed, labelled, its ingredients not judged) and the
        // "what makes it learnable" headline is the recipe's finding.
        Assert.Contains("id=\"recipe\"", html);
        var recipe = outcome.Results.Learnability!.Recipe!;
        Assert.Equal(4, recipe.Ablation.Count);
        Assert.All(recipe.Ablation, a => Assert.True(double.IsFinite(a.Without.MedianTestMse), a.Ingredient.ToString()));
        Assert.Contains("What makes the task learnable: does the training recipe", html);
        Assert.Contains("(tiny scale)", FrequencyLab.Reproduce.StudyConclusion.WhatMakesItLearnable(outcome.Results.Learnability).Explanation);
        var rows = StudyPage.ClaimRows(html);
        Assert.Equal(claims.Count, rows.Count);
        Assert.All(rows, r => Assert.True(r.Verdict.Length > 0 && r.Evidence.Contains(" = ", StringComparison.Ordinal), r.ToString()));
        // Labelled as reduced everywhere it shows: title, banner, every section heading.
        Assert.Contains("<title>[TINY] ", html);
        Assert.Contains("data-scale=\"tiny\"", html);
        Assert.Equal(StudyPage.Count(html, "<h2>"), StudyPage.Count(html, " (tiny)</h2>"));
        // The report's epoch-1 loss beside ours, from the report's figures file and our run.
        Assert.Contains("0.2847", html);
        Assert.Contains(FrequencyLab.Findings.Number.Format(outcome.Results.ReportRun.Epochs[0].TrainLoss), html);

        // The answer first: the headline findings and the key chart come before the ledger, and the key chart is drawn
        // within the first two screens (1200 × 1600 px) of the page.
        Assert.True(html.IndexOf("id=\"conclusion\"", StringComparison.Ordinal) < html.IndexOf("id=\"claims\"", StringComparison.Ordinal));
        Assert.True(html.IndexOf("id=\"key-chart\"", StringComparison.Ordinal) < html.IndexOf("id=\"claims\"", StringComparison.Ordinal));
        var headlines = StudyPage.Headlines(html);
        Assert.InRange(headlines.Count, 5, StudyConclusion.MaxHeadlines);
        Assert.Contains("predict zero", figures[0].ToString());
        var top = HeadlessChromium.Screenshot(outcome.IndexPath, tmp.Path, 1200, 1600);
        Assert.True(PixelStats.Of(PngImage.Read(top.ScreenshotPath)).Near((0x63, 0x6e, 0xfa)) > 300, "no chart drawn within the first two screens");
        // One verdict per claim: the ledger's row, results.json, and a headline built from the claim all say the same.
        var rowsById = StudyPage.ClaimVerdicts(html);
        Assert.All(outcome.Results.Claims!, c => Assert.Equal(c.Verdict, rowsById[c.Id]));
        Assert.All(headlines.Where(h => rowsById.ContainsKey(h.Id)), h => Assert.Equal(rowsById[h.Id], h.Verdict));
        Assert.Contains("root-cause-lr-too-high", headlines.Select(h => h.Id));
        // One number per quantity: each (run, epoch, metric) of results.json has one value wherever the page shows it —
        // the numbers table, the headline sentences and the key chart's traces.
        var quantities = new Dictionary<string, double>();
        foreach (var (run, name) in new[] { (outcome.Results.ReportRun, "report"), (outcome.Results.ProposedRun!, "fix") })
        {
            quantities[$"{name}/0/frozenTest"] = run.UntrainedFrozenTestMse;
            foreach (var e in run.Epochs) { quantities[$"{name}/{e.Epoch}/train"] = e.TrainLoss; quantities[$"{name}/{e.Epoch}/frozenTest"] = e.FrozenTestMse; }
        }
        foreach (var c in outcome.Results.Comparisons.Where(c => c.Quantity.Contains("lr 1e-3 (the report's run", StringComparison.Ordinal) && c.Ours is not null))
        {
            int epoch = int.Parse(c.Quantity.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(quantities[$"report/{epoch}/train"], c.Ours!.Value);
        }
        var weights = StudyConclusion.WhatTheWeightsLearned(outcome.Results)!;
        Assert.Equal(quantities["report/1/train"], weights.Measurements.Single(m => m.Name.StartsWith("train loss, epoch 1", StringComparison.Ordinal)).Value);
        Assert.Equal(quantities["report/1/frozenTest"], weights.Measurements.Single(m => m.Name == "frozen test MSE after epoch 1").Value);
        Assert.Equal(quantities["report/0/frozenTest"], weights.Measurements.Single(m => m.Name.StartsWith("untrained", StringComparison.Ordinal)).Value);
        Assert.Contains(WebUtility.HtmlEncode(weights.Explanation), html);
        foreach (var trace in figures[0].GetProperty("data").EnumerateArray())
        {
            var traceName = trace.GetProperty("name").GetString()!;
            string run = traceName.StartsWith("the report's run", StringComparison.Ordinal) ? "report" : "fix";
            string metric = traceName.Contains("train loss", StringComparison.Ordinal) ? "train" : "frozenTest";
            var xs = trace.GetProperty("x").EnumerateArray().Select(v => (int)v.GetDouble()).ToArray();
            var ys = trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(xs.Select(x => quantities[$"{run}/{x}/{metric}"]), ys);
        }

        // The ledger's scale is stated once, in the page's header, not in every row.
        var label = WebUtility.HtmlEncode(ReproduceProfile.Tiny.Ledger.Label);
        int ledgerStart = html.IndexOf("id=\"claims\"", StringComparison.Ordinal), ledgerEnd = html.IndexOf("<section", ledgerStart, StringComparison.Ordinal);
        Assert.Equal(1, StudyPage.Count(html[..html.IndexOf("id=\"conclusion\"", StringComparison.Ordinal)], label));
        Assert.Equal(0, StudyPage.Count(html[ledgerStart..ledgerEnd], label));

        var shot = HeadlessChromium.Screenshot(outcome.IndexPath, tmp.Path, 1200, 2400);
        var stats = PixelStats.Of(PngImage.Read(shot.ScreenshotPath));
        Assert.True(stats.NonBackgroundFraction > 0.10, $"only {stats.NonBackgroundFraction:P1} of the pixels differ from the background");
        Assert.True(stats.Near((0x63, 0x6e, 0xfa)) > 300, "no pixel in the first trace colour: the charts were not drawn");
        Assert.True(shot.PageRequests.Count == 0, "the page made requests: " + string.Join(", ", shot.PageRequests));
    }

    [Fact]
    public void A_claims_ledger_in_the_study_folder_fills_the_ledger_section()
    {
        using var tmp = new TempDir();
        var folder = tmp.File("study");
        RunTiny(folder, new DataStage());
        Directory.CreateDirectory(Path.Combine(folder, "claims"));
        File.WriteAllText(Path.Combine(folder, "claims", "claims.json"), """
            {"claims": [
              {"id": "H1", "section": "§2.2", "quote": "learning rate 0.001 too high", "quantity": "q", "experiment": "[tiny] sweep",
               "rule": "contradicted when lr 1e-4 is not better", "verdict": "contradicted",
               "evidence": [{"name": "test MSE at 1e-4", "value": 0.5, "unit": "MSE", "lower": 0.49, "upper": 0.51, "interval": "seeds"}],
               "explanation": "no better", "notebook": "notebooks/02-report-run.html#h1"},
              {"id": "H5", "section": "§2.2", "quote": "lucky init", "quantity": "q", "experiment": "[tiny] seeds", "rule": "r",
               "verdict": "inconclusive", "evidence": [{"name": "spread", "value": "NaN", "unit": ""}], "explanation": "e"}
            ]}
            """);
        var outcome = RunTiny(folder, new DataStage());

        Assert.Equal(StageStatus.Reused, outcome.Manifest.Stage("data")!.Status);
        Assert.Equal(2, outcome.Results.Claims!.Count);
        var html = File.ReadAllText(outcome.IndexPath);
        Assert.DoesNotContain("data-status=\"not-run\"", html);
        Assert.Contains("<tr class=\"claim\" id=\"claim-H1\" data-verdict=\"contradicted\">", html);
        Assert.Contains("<tr class=\"claim\" id=\"claim-H5\" data-verdict=\"inconclusive\">", html);
        Assert.Contains("test MSE at 1e-4 = 0.5 [0.49, 0.51] MSE", html);
        Assert.Contains("href=\"notebooks/02-report-run.html#h1\"", html);
    }

    [Fact]
    public void A_corrupt_claims_ledger_is_one_clear_error_naming_the_file()
    {
        using var tmp = new TempDir();
        var folder = tmp.File("study");
        RunTiny(folder, new DataStage());
        Directory.CreateDirectory(Path.Combine(folder, "claims"));
        File.WriteAllText(Path.Combine(folder, "claims", "claims.json"), "{\"claims\": [");
        var e = Assert.Throws<DataFileException>(() => RunTiny(folder, new DataStage()));
        Assert.Contains("claims.json", e.Message);
    }
}
