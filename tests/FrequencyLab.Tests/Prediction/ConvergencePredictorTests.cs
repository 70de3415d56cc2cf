using FrequencyLab.Findings;
using FrequencyLab.Prediction;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Prediction;

public class ConvergencePredictorTests(ITestOutputHelper output)
{
    private static readonly double[] Pow3Truth = [0.008, 0.45, 0.9]; // c, a, α: 0.458 at epoch 1 → floor 0.008

    [Fact]
    public void Pow3_parameters_are_recovered_from_a_noisy_curve()
    {
        var family = new Pow3Curve();
        var curve = SyntheticCurves.Noisy(family, Pow3Truth, 40, sigma: 0.03, seed: 11);
        var fit = RobustCurveFitter.Fit(family, curve.Epochs, curve.Values);
        Assert.NotNull(fit);
        output.WriteLine(string.Join(", ", fit.Parameters));
        // Bounds stated: the floor within ±25 %, a within ±15 %, α within ±0.15 at 3 % noise over 40 epochs.
        Assert.InRange(fit.Parameters[0], 0.75 * Pow3Truth[0], 1.25 * Pow3Truth[0]);
        Assert.InRange(fit.Parameters[1], 0.85 * Pow3Truth[1], 1.15 * Pow3Truth[1]);
        Assert.InRange(fit.Parameters[2], Pow3Truth[2] - 0.15, Pow3Truth[2] + 0.15);
    }

    [Fact]
    public void Reach_epoch_of_a_known_curve_is_inside_the_predicted_interval_and_the_median_is_close()
    {
        var family = new Pow3Curve();
        var curve = SyntheticCurves.Noisy(family, Pow3Truth, 20, sigma: 0.03, seed: 5);
        int truth = SyntheticCurves.TrueReach(family, Pow3Truth, 0.02, 500)!.Value;
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.02, Horizon: 150, Seed: 1));
        output.WriteLine($"truth {truth}; {p.Summary}");
        foreach (var m in p.Models) output.WriteLine($"{m.Name} w={m.Weight:0.###} rmse={m.HoldoutRmse:0.####} {m.Note}");
        Assert.Equal(PredictionStatus.Predicted, p.Status);
        Assert.Equal(CurveTrend.Decreasing, p.Trend);
        Assert.NotNull(p.Reach.Median);
        Assert.InRange(truth, p.Reach.Lower!.Value, p.Reach.Upper ?? double.PositiveInfinity);
        // Stated bound: the median reach epoch within a factor 1.5 of the truth from half of the way there.
        Assert.InRange(p.Reach.Median!.Value, truth / 1.5, truth * 1.5);
        Assert.True(p.ProbabilityByHorizon > 0.5, $"P = {p.ProbabilityByHorizon}");
        Assert.InRange(Pow3Truth[0], p.Asymptote.Lower ?? 0, p.Asymptote.Upper ?? double.PositiveInfinity);
    }

    [Fact]
    public void Exponential_decay_is_recovered_with_its_floor()
    {
        var family = new Exp3Curve();
        double[] truth = [0.02, 0.15, Math.Log(0.5)]; // 0.02 + 0.5·e^(−0.15 t)
        var curve = SyntheticCurves.Noisy(family, truth, 25, sigma: 0.02, seed: 3);
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.03, Horizon: 80, Seed: 2));
        output.WriteLine(p.Summary.ToString());
        // The floor of one family fitted alone within ±25 %; the ensemble's asymptote interval (several families disagree on
        // floors they never saw) must contain it.
        var fit = RobustCurveFitter.Fit(family, curve.Epochs, curve.Values)!;
        Assert.InRange(fit.Parameters[0], 0.75 * truth[0], 1.25 * truth[0]);
        Assert.InRange(fit.Parameters[1], 0.85 * truth[1], 1.15 * truth[1]);
        Assert.InRange(truth[0], p.Asymptote.Lower ?? 0, p.Asymptote.Upper ?? double.PositiveInfinity);
        int reach = SyntheticCurves.TrueReach(family, truth, 0.03, 200)!.Value;
        Assert.InRange(reach, p.Reach.Lower!.Value, p.Reach.Upper ?? double.PositiveInfinity);
    }

    [Fact]
    public void Same_seed_gives_the_same_prediction_and_another_seed_another_bootstrap()
    {
        var curve = SyntheticCurves.Noisy(new Pow3Curve(), Pow3Truth, 12, 0.05, 9);
        var options = new PredictionOptions(0.05, Horizon: 60, Replicates: 60, Seed: 4);
        var a = new ConvergencePredictor().Predict(curve, options);
        var b = new ConvergencePredictor().Predict(curve, options);
        var c = new ConvergencePredictor().Predict(curve, options with { Seed = 5 });
        Assert.Equal(a.Band, b.Band);
        Assert.Equal(a.Models.Select(m => m.Weight), b.Models.Select(m => m.Weight));
        Assert.NotEqual(a.Band, c.Band);
    }

    [Fact]
    public void The_reports_five_rising_epochs_are_rising_and_do_not_reach_001()
    {
        var curve = LearningCurve.FromValues("report lr 1e-3", [0.284746, 0.405873, 0.411108, 0.462460, 0.458013]);
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Horizon: 100));
        output.WriteLine(p.Summary.ToString());
        Assert.Equal(CurveTrend.Rising, p.Trend);
        Assert.Equal(PredictionStatus.Predicted, p.Status);
        Assert.True(p.ProbabilityByHorizon < 0.1, $"P = {p.ProbabilityByHorizon}");
        Assert.Equal(Verdict.Contradicted, p.Summary.Verdict);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.5 })]
    [InlineData(new[] { 0.5, 0.3 })]
    public void Fewer_than_three_points_say_so_without_a_fit(double[] values)
    {
        var p = new ConvergencePredictor().Predict(LearningCurve.FromValues("short", values), new PredictionOptions(0.01));
        Assert.Equal(PredictionStatus.TooFewPoints, p.Status);
        Assert.Empty(p.Band);
        Assert.Null(p.ProbabilityByHorizon);
        Assert.Null(p.Reach.Median);
        Assert.Equal(Verdict.Inconclusive, p.Summary.Verdict);
        Assert.Contains("no prediction", p.Summary.Explanation);
    }

    [Fact]
    public void A_short_curve_already_below_the_target_is_reached()
    {
        var p = new ConvergencePredictor().Predict(LearningCurve.FromValues("short", [0.5, 0.005]), new PredictionOptions(0.01));
        Assert.Equal(1, p.ProbabilityByHorizon);
        Assert.Equal(2, p.Reach.Median);
        Assert.Equal(Verdict.Supported, p.Summary.Verdict);
    }

    [Fact]
    public void A_constant_curve_is_flat_and_never_reaches_a_lower_target()
    {
        var p = new ConvergencePredictor().Predict(LearningCurve.FromValues("flat", [0.3, 0.3, 0.3, 0.3]), new PredictionOptions(0.01, Horizon: 50));
        Assert.Equal(PredictionStatus.Constant, p.Status);
        Assert.Equal(0, p.ProbabilityByHorizon);
        Assert.Null(p.Reach.Median);
        Assert.Equal(0.3, p.Asymptote.Median);
        Assert.All(p.Band, b => Assert.Equal(0.3, b.Median));
        Assert.Equal(Verdict.Contradicted, p.Summary.Verdict);
    }

    [Fact]
    public void A_diverging_curve_puts_its_weight_on_the_rising_model()
    {
        var curve = SyntheticCurves.Noisy(new RisingCurve(), [0.1, 0.08], 12, 0.02, 1, "diverging");
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Horizon: 40));
        output.WriteLine(p.Summary.ToString());
        Assert.Equal(CurveTrend.Rising, p.Trend);
        Assert.Equal("rising", p.Models.MaxBy(m => m.Weight)!.Name);
        Assert.Null(p.Asymptote.Upper);
        Assert.True(p.ProbabilityByHorizon < 0.05, $"P = {p.ProbabilityByHorizon}");
        Assert.Equal(Verdict.Contradicted, p.Summary.Verdict);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "infinite")]
    [InlineData(0.0, "not positive")]
    [InlineData(-0.1, "is negative")]
    public void Bad_values_are_a_typed_one_line_error(double bad, string words)
    {
        var curve = LearningCurve.FromValues("bad", [0.5, 0.4, bad, 0.2]);
        var e = Assert.Throws<CurveInputException>(() => new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01)));
        Assert.Contains(words, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Epochs_that_do_not_increase_are_refused()
    {
        var curve = new LearningCurve("bad", [1, 2, 2], [0.5, 0.4, 0.3]);
        Assert.Throws<CurveInputException>(() => new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01)));
    }

    [Fact]
    public void Families_too_large_for_the_curve_are_left_out_with_a_reason()
    {
        var curve = SyntheticCurves.Noisy(new Pow3Curve(), Pow3Truth, 5, 0.03, 2);
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01));
        var weibull = p.Models.Single(m => m.Name == "weibull");
        Assert.Equal(0, weibull.Weight);
        Assert.Contains("needs at least", weibull.Note);
        Assert.Equal(1, p.Models.Sum(m => m.Weight), 9);
    }
}
