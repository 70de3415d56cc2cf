"""Writes notebooks/04-convergence-prediction.ipynb (nbformat 4.5, cell ids, polyglot metadata), validated by nbformat."""
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

CODE_META = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}
cells = []

def md(cell_id, text):
    cells.append(new_markdown_cell(text, id=cell_id))

def code(cell_id, text, tags=None):
    meta = dict(CODE_META)
    if tags:
        meta = dict(meta, tags=tags)
    cells.append(new_code_cell(text, id=cell_id, metadata=meta))

md("title", """# 04 — Convergence prediction

*Does the report's forecast — lr = 1e-4 takes the MSE below 0.01 in 40–55 epochs — describe what the training actually does, and how far can any learning curve be extrapolated honestly?*

The report (§6, §8) predicts a per-epoch curve at lr = 1e-4, epochs-to-target with confidences, and a 75 % chance of MSE < 0.01 within 100 epochs. This notebook treats each of those numbers as a hypothesis. It uses `FrequencyLab.Prediction.ConvergencePredictor`: an ensemble of learning-curve families in the spirit of Domhan et al. (2015) — pow3, log-power, Weibull, MMF, Janoschek, ilog2, exp3, exp4, plus a flat *no progress* and a *diverging* model — fitted robustly to ln(loss), weighted by how well each predicts the last points it was not fitted on, with a seeded residual bootstrap for the prediction band, P(target reached), the reach epoch and the asymptote. Every number in the prose comes from a cell.""")

code("setup", """#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: Plotly.NET.CSharp, 0.14.0"
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: Microsoft.Data.Analysis, 0.23.1"
#r "nuget: TorchSharp-cpu, 0.107.0"
#r "../src/FrequencyLab/bin/Release/net10.0/FrequencyLab.dll"

using System.Globalization;
using FrequencyLab.Charts;
using FrequencyLab.Claims;
using FrequencyLab.Findings;
using FrequencyLab.Notebooks;
using FrequencyLab.Prediction;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

// Charts and tables display as HTML in VS Code's .NET Interactive kernel; under the headless runner this does nothing.
FrequencyLab.Notebooks.KernelFormatting.Register();
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;""")

code("parameters", """var quick = false;          // true: 0.5 s of signal (2,000 rows), 4 epochs (well under a minute); false: 40,000 rows, 50 epochs, 3 seeds
var ledgerRuns = "";        // a claims ledger's runs folder (freqlab reproduce passes its own): forecast its restart runs instead of training here
int horizon = 120;          // forecasts run to this epoch (the report's table goes to 90-120)
int bootstrapSeed = 0;      // seed of the predictor's bootstrap""", tags=["parameters"])

md("report-md", """## 1. The report's forecast, as data

The forecast tables are read from `data/report/phase3-report-figures.json` (the report's numbers exactly as printed) by `ReportForecast.Load`, not typed here.""")

code("report", """var report = ReportForecast.Load("../data/report/phase3-report-figures.json");
var options = new PredictionOptions(0.01, Horizon: horizon, Replicates: quick ? 60 : 200, Seed: bootstrapSeed);
display(new HtmlTable(new[] { "epoch", "predicted MSE (§6.1)" },
    report.PredictedCurve.Select(p => (IReadOnlyList<string>)new[] { p.Epoch.ToString(), Number.Format(p.Value) }), "Report §6.1: predicted curve at lr 1e-4"));
display(new HtmlTable(new[] { "MSE below", "epochs", "confidence" },
    report.EpochsToTarget.Select(c => (IReadOnlyList<string>)new[] { Number.Format(c.Below), $"{c.FromEpoch}–{c.ToEpoch}", Number.Format(c.Confidence) }), "Report §6.3: epochs to target"));
display(new HtmlTable(new[] { "epoch", "MSE below" },
    report.SuccessCriteria.Select(s => (IReadOnlyList<string>)new[] { s.Epoch.ToString(), Number.Format(s.Below) }), "Report §5.2: success criteria at lr 1e-4"));""")

md("own-md", """## 2. The predictor on the report's own five epochs

The report saw five epoch losses at lr = 1e-3 and extrapolated from them. What does an extrapolator with stated uncertainty say about the same five numbers? With five points, only families of at most three parameters can be weighted on a held-out point; the others are listed with the reason they were left out.""")

code("own", """var predictor = new ConvergencePredictor();
var onReport = predictor.Predict(report.ReportedCurve, options);
display(ForecastCharts.Band("The report's 5 epochs (lr 1e-3), extrapolated with a 90 % prediction band", onReport,
    reference: new LossCurve("report §6.1 forecast for lr 1e-4", report.PredictedCurve.Select(p => p.Value).ToArray(), report.PredictedCurve.Select(p => (double)p.Epoch).ToArray())));
display(onReport.Summary);""")

md("runs-md", """## 3. Our lr = 1e-4 runs

The report's recommended configuration: lr = 1e-4, everything else as in its run (Adam, H = 64, clip 1.0, batch 1, L = 1, state reset each epoch), for the report's 50 epochs over three init seeds, on the fused engine — the claims ledger's restart experiment, the runs its forecast claims are judged on (with `ledgerRuns`, read back from a ledger that already ran them). After every epoch the trainer also records the frozen (no-grad, stateful) test MSE. Quick mode trains short runs on fewer rows, so its numbers only exercise the machinery.""")

code("runs", """var settings = RestartStudy.Settings(quick, ledgerRuns);
display(new Markdown(settings.Label));
var line = display(new Markdown("training…"));
var runs = LedgerStudy.Run(settings, [LedgerExperiments.Restart], l => line.Update(new Markdown(l)), ledgerRuns).RunsOf(LedgerExperiments.Restart)!;
var train = Backtest.Curves(runs, MonitorMetric.TrainLoss, minimumEpochs: 3);
var test = Backtest.Curves(runs, MonitorMetric.TestMse, minimumEpochs: 3);
display(LossCharts.Epochs("lr 1e-4 runs: train loss (solid) and frozen test MSE (dashed)",
    train.Select(c => new LossCurve(c.Name, c.Values)).Concat(test.Select(c => new LossCurve(c.Name, c.Values, Dashed: true))).ToArray(), target: new ReferenceLine(0.01, "target 0.01")));""")

md("forecast-md", """## 4. The forecast scored against what the runs did

Each claim of the report is scored against the first run: where the run got that far, against what it measured; beyond the run, against our forecast from the whole run (the rule is stated in each finding). The report speaks of "MSE" without saying which; its §6.4 means the training set, so both the epoch-mean train loss and the frozen test MSE are scored.""")

code("score-train", """var trainForecast = predictor.Predict(train[0], options);
display(ForecastCharts.Band($"{train[0].Name}: observed, extrapolated, and the report's forecast", trainForecast,
    reference: new LossCurve("report §6.1 forecast", report.PredictedCurve.Select(p => p.Value).ToArray(), report.PredictedCurve.Select(p => (double)p.Epoch).ToArray())));
display(trainForecast.Summary);
var trainCard = ForecastScorecard.Score(report, train[0], trainForecast);
display(trainCard.Summary());
display(trainCard);""")

code("score-test", """var testForecast = predictor.Predict(test[0], options);
display(ForecastCharts.Band($"{test[0].Name}: observed and extrapolated", testForecast));
display(testForecast.Summary);
var testCard = ForecastScorecard.Score(report, test[0], testForecast);
display(testCard.Summary());
display(testCard);""")

md("early-md", """## 5. Would the first epochs have told us?

A forecast is only useful early. Here the predictor sees only the first epochs of the run (the same number the report had), and the chart shows what the run did next against the band it drew.""")

code("early", """int seen = Math.Min(report.EpochLosses.Count, train[0].Count - 1);
var early = predictor.Predict(train[0].Take(seen), options with { Horizon = (int)train[0].LastEpoch });
display(ForecastCharts.Band($"{train[0].Name}: forecast from the first {seen} epochs against the rest", early, actual: train[0]));
display(Backtest.ToTable(new[] { Backtest.Score(train[0], seen, early.Options, predictor) }, "The same forecast, scored on the epochs it did not see"));""")

md("backtest-md", """## 6. Backtest: how reliable is the predictor on these curves?

Every finished curve of the runs (train loss and frozen test MSE, every seed) is cut after k epochs, predicted to its last epoch, and scored on the rest: the fraction of held-out epochs inside the 90 % band, the error at the last epoch, and the reach forecast against whether the run reached 0.01. A band that covers far less than 90 % here is overconfident on real curves, whatever the synthetic calibration tests say (those are in `tests/…/Prediction/CalibrationTests.cs`).""")

code("backtest", """int[] cuts = quick ? [3] : [5, 10, 20, 30];
var done = display(new Markdown("backtests…"));
var backtests = Backtest.Table(train.Concat(test), cuts, options, new InlineProgress<int>(n => done.Update(new Markdown($"{n} backtests done"))));
display(Backtest.ToTable(backtests, "Backtest: fitted on the first k epochs, scored on the rest"));
display(Backtest.Calibration(backtests, 0.9));""")

md("summary-md", """## 7. Summary

The verdicts above are computed from the runs in this notebook; in quick mode they describe a short run on fewer rows and say nothing about the report. The predictor states its uncertainty as a band and a probability, and its reliability is itself measured (section 6) rather than assumed.""")

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"file_extension": ".cs", "mimetype": "text/x-csharp", "name": "C#", "pygments_lexer": "csharp", "version": "10.0"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"name": "csharp", "aliases": []}]}},
})
nb.nbformat, nb.nbformat_minor = 4, 5
nbformat.validate(nb)
nbformat.write(nb, "notebooks/04-convergence-prediction.ipynb")
print("wrote notebooks/04-convergence-prediction.ipynb")
