using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class PredictorTests
{
    [Fact]
    public void Polynomial_fit_recovers_a_polynomial_relation_exactly()
    {
        static double Truth(double x) => 0.25 + 2 * x - 0.5 * x * x * x;
        var rng = new Random(3);
        var x = Enumerable.Range(0, 400).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var fit = PolynomialPredictor.Fit(x, x.Select(Truth).ToArray(), 3);
        Assert.Equal([0.25, 2, 0, -0.5], fit.Coefficients.Select(c => Math.Round(c, 10)).ToArray());
        foreach (var v in new[] { -0.9, 0.0, 0.33, 0.8 }) Assert.Equal(Truth(v), fit.Predict(v), 1e-12);
    }

    [Fact]
    public void Polynomial_of_degree_zero_is_the_mean()
    {
        var fit = PolynomialPredictor.Fit([1, 2, 3], [2, 4, 9], 0);
        Assert.Equal(5.0, fit.Predict(100), 1e-12);
        Assert.Throws<ArgumentException>(() => PolynomialPredictor.Fit([1, 2], [1, 2], 2));
    }

    [Fact]
    public void Quantile_bins_recover_a_step_and_share_bins_between_equal_values()
    {
        var x = Enumerable.Range(0, 1000).Select(j => (j - 499.5) / 500).ToArray();
        var y = x.Select(v => v < 0 ? -1.0 : 1.0).ToArray();
        var fit = QuantileBinPredictor.Fit(x, y, 10);
        Assert.Equal(9, fit.Cuts.Length);
        Assert.Equal(-1.0, fit.Predict(-0.5));
        Assert.Equal(1.0, fit.Predict(0.5));
        Assert.Equal(-1.0, fit.Predict(-5));
        Assert.Equal(1.0, fit.Predict(5));

        // All-equal x: every point falls in the last bin; the empty bins predict the overall mean, as does the last.
        var tied = QuantileBinPredictor.Fit([2, 2, 2, 2], [1, 2, 3, 6], 2);
        Assert.Equal(3.0, tied.Predict(2));
        Assert.Equal(3.0, tied.Predict(-1));
    }
}
