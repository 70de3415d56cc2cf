using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>Each SIMD kernel against a scalar double reference for every length 0–70 (all remainders of 8 and 16 lanes,
/// several full vectors), as TensorPrimitives' tests do.</summary>
public class SimdKernelTests
{
    // A float32 sum of n products carries at most ~n·2⁻²⁴ relative error of Σ|terms|; n ≤ 70 keeps that below 5e-6.
    private const double SumTolerance = 5e-6;

    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 71)];

    private static float[] Random(int n, int seed) =>
        Enumerable.Range(0, n).Select(i => (float)(new Random(seed * 1000 + i).NextDouble() * 2 - 1)).ToArray();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_and_sum_of_squares(int n)
    {
        var a = Random(n, 1);
        var b = Random(n, 2);
        double dot = 0, dotAbs = 0, sq = 0;
        for (int i = 0; i < n; i++) { dot += (double)a[i] * b[i]; dotAbs += Math.Abs((double)a[i] * b[i]); sq += (double)a[i] * a[i]; }
        Assert.True(Math.Abs(SimdKernels.Dot(a, b) - dot) <= SumTolerance * dotAbs + 1e-30);
        Assert.True(Math.Abs(SimdKernels.SumOfSquares(a) - sq) <= SumTolerance * sq + 1e-30);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void MatVec_matches_row_by_row_dot_products(int rows)
    {
        foreach (int cols in new[] { 0, 1, 5, 8, 15, 16, 17, 33, 64 })
        {
            var w = Random(rows * cols, 3);
            var v = Random(cols, 4);
            var y = new float[rows];
            SimdKernels.MatVec(w, v, y);
            for (int r = 0; r < rows; r++)
            {
                // Every row, whether in the 4-row block or the leftover rows, is summed exactly as Dot sums it.
                Assert.Equal(SimdKernels.Dot(w.AsSpan(r * cols, cols), v), y[r]);
                double expected = 0;
                for (int j = 0; j < cols; j++) expected += (double)w[r * cols + j] * v[j];
                Assert.True(Math.Abs(y[r] - expected) <= SumTolerance * cols + 1e-30, $"rows {rows} cols {cols} row {r}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Outer_product_writes_then_accumulates_and_returns_the_sum_of_squares(int cols)
    {
        var d = Random(3, 5);
        var v = Random(cols, 6);
        var g = Enumerable.Repeat(99f, 3 * cols).ToArray();
        float written = SimdKernels.OuterProduct(g, d, v, accumulate: false);
        for (int r = 0; r < 3; r++)
            for (int j = 0; j < cols; j++) Assert.Equal(d[r] * v[j], g[r * cols + j]);
        Assert.True(Math.Abs(written - SumSquares(g)) <= SumTolerance * SumSquares(g) + 1e-30);

        float accumulated = SimdKernels.OuterProduct(g, d, v, accumulate: true);
        for (int r = 0; r < 3; r++)
            for (int j = 0; j < cols; j++) Assert.Equal(d[r] * v[j] + d[r] * v[j], g[r * cols + j]);
        Assert.True(Math.Abs(accumulated - SumSquares(g)) <= SumTolerance * SumSquares(g) + 1e-30);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Accumulate_writes_or_adds(int n)
    {
        var d = Random(n, 7);
        var g = Random(n, 8);
        var before = (float[])g.Clone();
        float added = SimdKernels.Accumulate(g, d, accumulate: true);
        for (int i = 0; i < n; i++) Assert.Equal(before[i] + d[i], g[i]);
        Assert.True(Math.Abs(added - SumSquares(g)) <= SumTolerance * SumSquares(g) + 1e-30);
        SimdKernels.Accumulate(g, d, accumulate: false);
        Assert.Equal(d, g);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Adam_update_matches_the_double_formula_at_every_length(int n)
    {
        var settings = new OptimizerSettings(WeightDecay: n % 2 == 0 ? 0.0 : 0.01);
        var p = Random(n, 9);
        var g = Random(n, 10);
        var m = Random(n, 11).Select(x => x * 0.1f).ToArray();
        var v = Random(n, 12).Select(x => x * x * 0.01f).ToArray();
        double[] pd = [.. p.Select(x => (double)x)], md = [.. m.Select(x => (double)x)], vd = [.. v.Select(x => (double)x)];
        const float lr = 1e-2f, clip = 0.5f;
        OptimizerKernels.AdamUpdate(p, g, m, v, AdamScalars.For(settings, lr, 7, clip));
        ReferenceLstmStep.Adam(pd, [.. g.Select(x => (double)x * clip)], md, vd, settings, lr, 7);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(p[i] - pd[i]) <= 1e-6, $"p[{i}] {p[i]} vs {pd[i]}");
            Assert.True(Math.Abs(m[i] - md[i]) <= 1e-6, $"m[{i}]");
            Assert.True(Math.Abs(v[i] - vd[i]) <= 1e-7, $"v[{i}]");
        }
    }

    private static double SumSquares(float[] x) => x.Sum(v => (double)v * v);
}
