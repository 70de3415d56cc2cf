namespace FrequencyLab.Tests.TestSupport;

/// <summary>The shared tolerance helper itself: ulp arithmetic, each tolerance kind, and that a failure names the worst element.</summary>
public class NumericAssertTests
{
    [Fact]
    public void Ulp_distance_counts_representable_steps_across_zero_and_saturates()
    {
        Assert.Equal(0, Ulps.Distance(0.0, -0.0));
        Assert.Equal(1, Ulps.Distance(1.0, Math.BitIncrement(1.0)));
        Assert.Equal(2, Ulps.Distance(-double.Epsilon, double.Epsilon));
        Assert.Equal(1L << 52, Ulps.Distance(1.0, 2.0));
        Assert.Equal(long.MaxValue, Ulps.Distance(double.NegativeInfinity, double.PositiveInfinity));
        Assert.Equal(long.MaxValue, Ulps.Distance(double.NaN, 1.0));
        Assert.Equal(1, Ulps.Distance(1f, MathF.BitIncrement(1f)));
        Assert.Equal(1L << 23, Ulps.Distance(1f, 2f));
        Assert.Equal(Math.Pow(2, -52), Ulps.Of(1.0));
        Assert.Equal(Math.Pow(2, -51), Ulps.Of(-2.5));
        Assert.Equal(Math.Pow(2, -23), Ulps.Of(1f));
        Assert.Equal(Ulps.DoubleUnitRoundoff, Math.Pow(2, -53));
        Assert.Equal(Ulps.SingleUnitRoundoff, Math.Pow(2, -24));
    }

    [Fact]
    public void Exact_reports_the_first_differing_index_with_both_values()
    {
        double[] expected = [1, 2, 3, 4];
        double[] actual = [1, 2, Math.BitIncrement(3.0), 5];
        var found = NumericAssert.Measure(expected, actual, Tolerance.Exact, "x");
        Assert.Equal((2, 2, 1L), (found.Violations, found.WorstIndex, found.UlpDistance));
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NumericAssert.Exact(expected, actual, "x"));
        Assert.Contains("worst [2]: expected 3, actual 3.0000000000000004", failure.Message);
        Assert.False(NumericAssert.Measure([0.0], [-0.0], Tolerance.Exact, "signed zero").Holds);
    }

    [Fact]
    public void Ulp_tolerance_is_the_same_at_every_magnitude()
    {
        foreach (var v in new[] { 1e-300, 0.3, 2.5, 7.0, 1e300 })
        {
            double three = Math.BitIncrement(Math.BitIncrement(Math.BitIncrement(v)));
            Assert.True(NumericAssert.Measure([v], [three], Tolerance.Ulps(3), "v").Holds);
            Assert.False(NumericAssert.Measure([v], [Math.BitIncrement(three)], Tolerance.Ulps(3), "v").Holds);
        }
        // float32 ulps are counted on the float line.
        Assert.True(NumericAssert.Measure([1f], [MathF.BitIncrement(1f)], Tolerance.Ulps(1), "f").Holds);
    }

    [Fact]
    public void Scaled_ulps_allow_a_cancelled_sum_its_terms_rounding_and_catch_a_relative_error_of_1e_12()
    {
        // 0.1 + 0.2 − 0.3 cancels to 5.6e-17: billions of ulps of the result, a fraction of an ulp of Σ|terms| = 0.6.
        double sum = 0.1 + 0.2 - 0.3;
        double[] scale = [0.6];
        Assert.True(Ulps.Distance(0.0, sum) > 1_000_000);
        Assert.True(NumericAssert.Measure([0.0], [sum], Tolerance.UlpsOfScale(2, scale), "cancelled").Holds);
        Assert.False(NumericAssert.Measure([0.0], [0.6 * 1e-12], Tolerance.UlpsOfScale(2, scale), "cancelled").Holds);
    }

    [Fact]
    public void Relative_uses_the_larger_of_the_value_and_the_stated_floor_and_never_passes_a_one_sided_nan()
    {
        var t = Tolerance.Relative(1e-6, floor: 1.0);
        Assert.True(NumericAssert.Measure([1000.0], [1000.0009], t, "big").Holds);
        Assert.False(NumericAssert.Measure([1000.0], [1000.0011], t, "big").Holds);
        Assert.True(NumericAssert.Measure([1e-9], [1e-9 + 0.9e-6], t, "below the floor").Holds);
        Assert.False(NumericAssert.Measure([1e-9], [1e-9 + 1.1e-6], t, "below the floor").Holds);
        Assert.False(NumericAssert.Measure([1.0], [double.NaN], t, "nan").Holds);
        Assert.False(NumericAssert.Measure([double.NaN], [1.0], t, "nan").Holds);
        Assert.True(NumericAssert.Measure([double.NaN], [double.NaN], t, "nan on both sides").Holds);
        Assert.True(NumericAssert.Measure([double.PositiveInfinity], [double.PositiveInfinity], t, "inf").Holds);
        double[] tensor = [0.5, -2.0, 1e-7];
        Assert.Equal(2.0, Tolerance.MaxAbs(tensor));
        var normwise = NumericAssert.Measure(tensor, [0.5, -2.0, 1e-7 + 1.9e-6], Tolerance.Normwise(1e-6, tensor), "normwise");
        Assert.True(normwise.Holds);
        Assert.Equal(0.95, normwise.Ratio, 6);
    }

    [Fact]
    public void The_worst_element_and_the_count_of_violations_are_reported()
    {
        double[] expected = [1, 1, 1, 1];
        double[] actual = [1, 1 + 3e-6, 1 + 2e-6, 1 + 5e-7];
        var found = NumericAssert.Measure(expected, actual, Tolerance.Relative(1e-6, 0), "y");
        Assert.Equal((2, 1), (found.Violations, found.WorstIndex));
        Assert.Equal(3.0, found.Ratio, 3);
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NumericAssert.Within(expected, actual, Tolerance.Relative(1e-6, 0), "y"));
        Assert.Contains("y: 2 of 4 outside relative 1E-06 (floor 0); worst [1]", failure.Message);
    }
}
