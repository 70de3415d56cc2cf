using System.Text.Json;
using FrequencyLab.Charts;
using FrequencyLab.Findings;
using FrequencyLab.Prediction;

namespace FrequencyLab.Tests.Prediction;

/// <summary>The findings and the reliability diagram of a <see cref="ForecastCalibration"/>: verdicts follow the stated rules.</summary>
public class CalibrationFindingsTests
{
    private static readonly ForecastCalibration Shipped = ForecastCalibration.Embedded();

    private static ForecastCalibration With(double?[] raw, double?[] calibrated, int groups = 14) => Shipped with
    {
        Groups = groups,
        Horizons = [.. Shipped.Horizons.Select((h, i) => h with { RawCoverage = raw[i], CalibratedCoverage = calibrated[i] })],
    };

    [Fact]
    public void Trusted_horizon_follows_the_held_out_coverage_of_every_range()
    {
        var ok = CalibrationFindings.TrustedHorizon(With([0.91, 0.86, 0.8, 0.7, 0.6], [0.92, 0.9, 0.9, 0.88, 0.86]));
        Assert.Equal(Verdict.Supported, ok.Verdict);
        Assert.Contains("only up to 5 epochs ahead; 21+ epochs ahead it covers 0.6", ok.Explanation);                       // raw holds ≥ 0.85 through 2–5
        Assert.Contains($"up to {Shipped.MaxAhead} epochs ahead", ok.Explanation);
        var bad = CalibrationFindings.TrustedHorizon(With([0.91, 0.86, 0.8, 0.7, 0.6], [0.92, 0.9, 0.9, 0.88, 0.79]));
        Assert.Equal(Verdict.Contradicted, bad.Verdict);
        Assert.Contains("0.79 at 21+ epochs ahead", bad.Explanation);
        var none = CalibrationFindings.TrustedHorizon(With([0.5, 0.5, 0.5, 0.5, 0.5], [0.9, 0.9, 0.9, 0.9, 0.9]));
        Assert.Contains("does not hold its 90 % even one epoch ahead", none.Explanation);
        Assert.Equal(Verdict.Inconclusive, CalibrationFindings.TrustedHorizon(With([0.9, 0.9, 0.9, 0.9, 0.9], [0.9, 0.9, 0.9, 0.9, 0.9], groups: 3)).Verdict);
        // The shipped calibration: supported, and its explanation is computed from the stored numbers.
        var shipped = CalibrationFindings.TrustedHorizon(Shipped);
        Assert.Equal(Verdict.Supported, shipped.Verdict);
        Assert.Contains(Number.Format(Shipped.Horizons[^1].CalibratedWidth!.Value), shipped.Explanation);
    }

    [Fact]
    public void Reach_skill_compares_the_brier_score_with_the_base_rate()
    {
        var reach = Shipped.Reach;
        Assert.Equal(Verdict.Supported, CalibrationFindings.ReachSkill(Shipped with { Reach = reach with { Brier = 0.1, BaseRateBrier = 0.15 } }).Verdict);
        Assert.Equal(Verdict.Contradicted, CalibrationFindings.ReachSkill(Shipped with { Reach = reach with { Brier = 0.2, BaseRateBrier = 0.15 } }).Verdict);
        Assert.Equal(Verdict.Inconclusive, CalibrationFindings.ReachSkill(Shipped with { Reach = reach with { Backtests = 10 } }).Verdict);
        var skill = CalibrationFindings.ReachSkill(Shipped with { Reach = reach with { Brier = 0.1, BaseRateBrier = 0.2 } });
        Assert.Equal(0.5, skill.Measurements.Single(m => m.Name.StartsWith("skill", StringComparison.Ordinal)).Value, 12);
    }

    [Fact]
    public void Reliability_diagram_has_before_and_after_per_horizon_and_the_nominal_line()
    {
        var chart = ForecastCharts.Reliability("reliability", With([0.91, 0.86, null, 0.7, 0.6], [0.92, 0.9, null, 0.88, 0.86]));
        using var figure = JsonDocument.Parse(chart.FigureJson);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(2, traces.Length);
        Assert.Equal(["1", "2–5", "11–20", "21+"], traces[1].GetProperty("x").EnumerateArray().Select(x => x.GetString()));   // the gap is left out
        Assert.Equal([0.92, 0.9, 0.88, 0.86], traces[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        Assert.Contains("raw bootstrap band", traces[0].GetProperty("name").GetString());
        Assert.Contains("nominal 90 %", chart.ToHtml());
    }

    [Fact]
    public void Band_chart_draws_the_calibrated_band()
    {
        var curve = CurveLibrary.Synthetic(1, seed: 4)[0].ToLearningCurve().Take(10);
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Horizon: 30, Replicates: 40));
        var html = ForecastCharts.Band("forecast", p, calibrated: Shipped.Apply(p)).ToHtml();
        Assert.Contains("calibrated 90 % band, upper", html);
        Assert.Contains("calibrated 90 % band, lower", html);
    }
}
