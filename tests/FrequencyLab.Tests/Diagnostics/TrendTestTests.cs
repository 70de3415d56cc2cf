using FrequencyLab.Diagnostics;

namespace FrequencyLab.Tests.Diagnostics;

public class TrendTestTests
{
    [Fact]
    public void Report_losses_give_hand_computed_Kendall_S_exact_p_and_Sen_slope()
    {
        var t = TrendTest.OverEpochs(DiagnosticsFixtures.ReportLosses);
        // 9 concordant pairs, 1 discordant (epochs 4→5).
        Assert.Equal(8, t.S);
        Assert.Equal(0.8, t.Tau, 12);
        Assert.True(t.Exact);
        // Exact null distribution for n = 5: |S| ≥ 8 in 2 × (1 + 4) of 120 orderings.
        Assert.Equal(10.0 / 120, t.PValue, 12);
        Assert.Equal(5 * 4 * 15 / 18.0, t.VarianceS, 12);
        // Median of the 10 pairwise slopes: mean of the 5th and 6th, (4−2) and (5−1).
        double s42 = (0.462460 - 0.405873) / 2, s51 = (0.458013 - 0.284746) / 4;
        Assert.Equal((s42 + s51) / 2, t.Slope, 12);
        // C = 1.96·√16.67 = 8.0 → ranks 1 and 10: the smallest and largest slope.
        Assert.Equal(0.458013 - 0.462460, t.SlopeLower, 12);
        Assert.Equal(0.405873 - 0.284746, t.SlopeUpper, 12);
    }

    [Fact]
    public void A_long_straight_line_has_a_tiny_normal_p_and_an_interval_at_its_slope()
    {
        var y = Enumerable.Range(1, 20).Select(i => 1 - 0.02 * i).ToArray();
        var t = TrendTest.OverEpochs(y);
        Assert.False(t.Exact);
        Assert.Equal(-190, t.S);
        Assert.Equal(-1, t.Tau, 12);
        Assert.True(t.PValue < 1e-8);
        Assert.Equal(-0.02, t.Slope, 12);
        Assert.Equal(-0.02, t.SlopeLower, 12);
        Assert.Equal(-0.02, t.SlopeUpper, 12);
    }

    [Fact]
    public void Normal_approximation_matches_the_textbook_z_with_continuity_correction()
    {
        // n = 10, one swap: S = 45 − 2 = 43, Var = 10·9·25/18 = 125, z = 42/√125.
        double[] y = [1, 2, 3, 4, 6, 5, 7, 8, 9, 10];
        var t = TrendTest.OverEpochs(y);
        Assert.Equal(43, t.S);
        Assert.Equal(125, t.VarianceS, 12);
        double z = 42 / Math.Sqrt(125);
        Assert.Equal(2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, z)), t.PValue, 12);
    }

    [Fact]
    public void Ties_reduce_the_variance_and_a_flat_series_has_no_trend()
    {
        var flat = TrendTest.OverEpochs([0.3, 0.3, 0.3, 0.3]);
        Assert.Equal(0, flat.S);
        Assert.Equal(1, flat.PValue, 12);
        Assert.Equal(0, flat.Slope);
        var tied = TrendTest.OverEpochs([1, 1, 2, 3]);
        // Var = (4·3·13 − 2·1·9)/18 = 138/18.
        Assert.Equal(138 / 18.0, tied.VarianceS, 12);
        Assert.Equal(5, tied.S);
    }

    [Fact]
    public void Three_increasing_points_have_exact_p_one_third_and_no_interval()
    {
        var t = TrendTest.OverEpochs([1, 2, 4]);
        Assert.Equal(1.0 / 3, t.PValue, 12); // 2 of 6 orderings have |S| = 3
        Assert.True(double.IsNaN(t.SlopeLower) || double.IsNaN(t.SlopeUpper));
    }
}
