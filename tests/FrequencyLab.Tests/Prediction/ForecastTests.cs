using FrequencyLab.Charts;
using FrequencyLab.Findings;
using FrequencyLab.Prediction;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Prediction;

public class ForecastTests
{
    private static string FiguresPath => Path.Combine(RepoPaths.Root, "data", "report", "phase3-report-figures.json");

    [Fact]
    public void The_reports_forecast_tables_load_from_the_figures_file()
    {
        var report = ReportForecast.Load(FiguresPath);
        Assert.Equal([0.284746, 0.405873, 0.411108, 0.462460, 0.458013], report.EpochLosses);
        Assert.Equal(1e-4, report.RecommendedLearningRate);
        Assert.Equal((40, 0.012), report.PredictedCurve.Single(p => p.Epoch == 40));
        Assert.Equal(new EpochsToTargetClaim(0.01, 40, 55, 0.65), report.EpochsToTarget.Single(c => c.Below == 0.01));
        Assert.Equal(0.75, report.SuccessProbabilityWithin100);
        Assert.Equal(5, report.SuccessCriteria.Count);
    }

    [Fact]
    public void A_file_that_is_not_the_figures_file_is_a_data_file_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("x.json"), "{\"run\": {}}");
        Assert.Throws<DataFileException>(() => ReportForecast.Load(dir.File("x.json")));
    }

    private static ConvergencePrediction Forecast(LearningCurve run) =>
        new ConvergencePredictor().Predict(run, new PredictionOptions(0.01, Horizon: 120, Replicates: 40));

    [Fact]
    public void Epochs_to_target_is_decided_by_the_run_where_it_crossed()
    {
        var claim = new EpochsToTargetClaim(0.05, 25, 30, 0.9);
        var inside = LearningCurve.FromValues("inside", Enumerable.Range(1, 28).Select(e => e < 27 ? 0.3 : 0.04).ToArray());
        var early = LearningCurve.FromValues("early", Enumerable.Range(1, 28).Select(e => e < 10 ? 0.3 : 0.04).ToArray());
        var never = LearningCurve.FromValues("never", Enumerable.Range(1, 35).Select(e => 0.3 - 0.001 * e).ToArray());
        Assert.Equal(Verdict.Supported, ForecastFindings.EpochsToTarget(claim, inside, Forecast(inside)).Verdict);
        Assert.Equal(Verdict.Contradicted, ForecastFindings.EpochsToTarget(claim, early, Forecast(early)).Verdict);
        Assert.Equal(Verdict.Contradicted, ForecastFindings.EpochsToTarget(claim, never, Forecast(never)).Verdict);
    }

    [Fact]
    public void Claims_beyond_the_run_are_judged_by_the_forecast()
    {
        // A flat run at 0.45: the forecast puts essentially no probability on 0.01 by epoch 55 or below 0.05 at epoch 30.
        var flat = SyntheticCurves.Noisy(new FlatCurve(), [0.45], 10, 0.03, 4, "flat run");
        var forecast = Forecast(flat);
        var window = ForecastFindings.EpochsToTarget(new EpochsToTargetClaim(0.01, 40, 55, 0.65), flat, forecast);
        Assert.Equal(Verdict.Contradicted, window.Verdict);
        Assert.Contains(window.Measurements, m => m.Name.StartsWith("forecast P"));
        Assert.Equal(Verdict.Contradicted, ForecastFindings.SuccessCriterion(30, 0.05, flat, forecast).Verdict);
        Assert.Equal(Verdict.Contradicted, ForecastFindings.PredictedValue(40, 0.012, flat, forecast).Verdict);
        Assert.Equal(Verdict.Supported, ForecastFindings.PredictedValue(5, 0.4, flat, forecast).Verdict); // observed, within 1.5×
        Assert.Equal(Verdict.Contradicted, ForecastFindings.SuccessProbability(0.75, 0.01, 100, flat, forecast).Verdict);
    }

    [Fact]
    public void Scorecard_has_one_finding_per_claim_and_renders_a_table()
    {
        var report = ReportForecast.Load(FiguresPath);
        var run = SyntheticCurves.Noisy(new Pow3Curve(), [0.01, 0.45, 0.9], 15, 0.03, 2, "run");
        var card = ForecastScorecard.Score(report, run, Forecast(run));
        Assert.Equal(report.EpochsToTarget.Count + report.PredictedCurve.Count + report.SuccessCriteria.Count + 1, card.Findings.Count);
        Assert.Equal(card.Findings.Count, card.Count(Verdict.Supported) + card.Count(Verdict.Contradicted) + card.Count(Verdict.Inconclusive));
        Assert.Contains("6.3: MSE &lt; 0.01: 40-55 epochs", card.ToHtml());
        Assert.Contains(card.Summary().Measurements, m => m.Name == "supported" && m.Value == card.Count(Verdict.Supported));
    }

    [Fact]
    public void Band_chart_draws_observed_band_later_points_reference_and_target()
    {
        var run = SyntheticCurves.Noisy(new Pow3Curve(), [0.01, 0.45, 0.9], 20, 0.03, 2, "run");
        var p = new ConvergencePredictor().Predict(run.Take(8), new PredictionOptions(0.02, Horizon: 20, Replicates: 40));
        var html = ForecastCharts.Band("forecast", p, actual: run, reference: new LossCurve("report", [0.45, 0.28], [1, 5])).ToHtml();
        Assert.Contains("90 % band, upper", html);
        Assert.Contains("what the run did next", html);
        Assert.Contains("observed (8 epochs, fitted)", html);
        Assert.Contains("\"name\":\"report\"", html);
        Assert.Contains("target 0.02", html);
    }

    [Fact]
    public void Backtests_run_on_a_real_sweep_folder_and_a_history_json_feeds_the_cli()
    {
        using var dir = new TempDir();
        var grid = new SweepGrid
        {
            Base = TrainingConfig.Report with { Engine = "fused", Epochs = 6, HiddenSize = 8, Data = TrainingConfig.Report.Data with { MaxRows = 400 } },
            LearningRates = [1e-2],
            InitSeeds = [0, 1],
        };
        new SweepRunner(grid) { OutputPath = dir.Path, Workers = 1 }.Run();
        var results = SweepResults.Load(dir.Path);
        var curves = Backtest.Curves(results, MonitorMetric.TestMse);
        Assert.Equal(2, curves.Count);
        var rows = Backtest.Table(curves, [4], new PredictionOptions(0.01, Replicates: 40));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(2, r.HeldOutEpochs));
        Assert.All(rows, r => Assert.InRange(r.Coverage, 0, 1));

        var history = Directory.GetFiles(dir.Path, "history.json", SearchOption.AllDirectories).First();
        var cli = Freqlab.Run("predict", history, "--target", "0.01", "--metric", "test", "--replicates", "40", "--json");
        Assert.Equal(0, cli.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(cli.StdOut);
        Assert.Contains("frozen test MSE", doc.RootElement.GetProperty("summary").GetString());
    }
}
