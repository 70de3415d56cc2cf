using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class CorrelationTests
{
    [Fact]
    public void A_series_correlates_one_with_itself_and_its_affine_images()
    {
        var x = Enumerable.Range(0, 500).Select(j => Math.Sin(j * 0.37) + 0.01 * j).ToArray();
        Assert.Equal(1.0, Correlation.Pearson(x, x), 1e-12);
        Assert.Equal(1.0, Correlation.Pearson(x, x.Select(v => 3 * v - 2).ToArray()), 1e-12);
        Assert.Equal(-1.0, Correlation.Pearson(x, x.Select(v => -v).ToArray()), 1e-12);
    }

    [Fact]
    public void Independent_series_correlate_within_a_few_noise_levels()
    {
        const int n = 10_000;
        var rng = new Random(11);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        double r = Correlation.Pearson(x, y);
        Assert.Equal(0.01, Correlation.NoiseLevel(n), 1e-15);
        // Four standard deviations: a seeded draw outside it would be a 1-in-15,000 event.
        Assert.InRange(Math.Abs(r), 0, 4 * Correlation.NoiseLevel(n));
    }

    [Fact]
    public void A_constant_series_has_no_correlation()
    {
        Assert.True(double.IsNaN(Correlation.Pearson([1, 1, 1], [1, 2, 3])));
        Assert.Throws<ArgumentException>(() => Correlation.Pearson([1, 2], [1, 2, 3]));
    }
}
