using FrequencyLab.Diagnostics;

namespace FrequencyLab.Tests.Diagnostics;

public class WidenedSumsTests
{
    private static float[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-6, 3))))];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(63)]
    [InlineData(18_241)]
    public void Sums_equal_the_scalar_double_sums(int n)
    {
        var g = Random(n, n + 1);
        var start = Random(n, n + 2).Select(x => (double)x * 3).ToArray();
        var a = start.ToArray();
        var b = start.ToArray();
        WidenedSums.Add(g, a);
        double squares = WidenedSums.AddAndSumSquares(g, b);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            // Elementwise: the float widened to double and added once, the same bits as the scalar sum.
            Assert.Equal(start[i] + g[i], a[i]);
            Assert.Equal(start[i] + g[i], b[i]);
            expected += (double)g[i] * g[i];
        }
        // The reduction's order differs from the scalar loop's: double rounding of n terms only.
        Assert.Equal(expected, squares, Math.Max(expected, 1e-300) * 1e-13 * Math.Max(1, n));
    }

    [Fact]
    public void The_sum_of_squares_keeps_its_order_two_accumulators_of_four_lanes_then_the_tail()
    {
        var g = Random(21, 5);
        var lanes = new double[8];
        for (int i = 0; i < 16; i++) lanes[i % 8] += (double)g[i] * g[i];
        double expected = ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]));
        for (int i = 16; i < 21; i++) expected += (double)g[i] * g[i];
        Assert.Equal(expected, WidenedSums.AddAndSumSquares(g, new double[21]));
    }

    [Fact]
    public void Lengths_must_agree() =>
        Assert.Throws<ArgumentException>(() => WidenedSums.Add(new float[3], new double[4]));
}
