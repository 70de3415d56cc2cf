using System.Runtime.Intrinsics;
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
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(29)]
    [InlineData(256)]
    public void MatVec_pair_gives_the_bits_of_two_MatVec_calls(int rows)
    {
        foreach (int cols in new[] { 0, 1, 5, 8, 15, 16, 17, 33, 64, 128 })
        {
            var w = Random(rows * cols, 71);
            var va = Random(cols, 72);
            var vb = Random(cols, 73);
            if (cols > 3) { vb[2] = float.NaN; va[3] = 1e-40f; }
            float[] ya = new float[rows], yb = new float[rows], ea = new float[rows], eb = new float[rows];
            SimdKernels.MatVecPair(w, va, vb, ya, yb);
            SimdKernels.MatVec(w, va, ea);
            SimdKernels.MatVec(w, vb, eb);
            Assert.Equal(ea.Select(BitConverter.SingleToInt32Bits), ya.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(eb.Select(BitConverter.SingleToInt32Bits), yb.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Sum_each_adds_four_vectors_in_the_order_of_Vector256_Sum()
    {
        // Magnitudes 2^±30 apart make every grouping of the eight lanes round differently, so another tree shows up.
        var random = new Random(61);
        for (int trial = 0; trial < 2_000; trial++)
        {
            var lanes = new Vector256<float>[4];
            for (int k = 0; k < 4; k++)
            {
                var x = new float[8];
                for (int i = 0; i < 8; i++) x[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-30, 31)));
                if (trial % 7 == 0) x[random.Next(8)] = trial % 3 == 0 ? float.NaN : float.PositiveInfinity;
                lanes[k] = Vector256.Create(x);
            }
            var sums = SimdKernels.SumEach(lanes[0], lanes[1], lanes[2], lanes[3]);
            for (int k = 0; k < 4; k++)
                Assert.Equal(BitConverter.SingleToInt32Bits(Vector256.Sum(lanes[k])), BitConverter.SingleToInt32Bits(sums.GetElement(k)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(29)]
    [InlineData(256)]
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
    public void Transposed_mat_vec_adds_w_transposed_v_for_every_column_remainder(int cols)
    {
        // cols 0–70 cover the 64-column block, the 8-column block and the scalar tail; rows 1, 5 and 32 (a window's 4H).
        foreach (int rows in new[] { 1, 5, 32 })
        {
            var w = Random(rows * cols, 7);
            var v = Random(rows, 8);
            var y = Random(cols, 9);
            var expected = new double[cols];
            var scale = new double[cols];
            for (int j = 0; j < cols; j++)
            {
                expected[j] = y[j];
                scale[j] = Math.Abs(y[j]);
                for (int r = 0; r < rows; r++) { expected[j] += (double)w[r * cols + j] * v[r]; scale[j] += Math.Abs((double)w[r * cols + j] * v[r]); }
            }
            SimdKernels.AddTransposedMatVec(w, v, y);
            for (int j = 0; j < cols; j++)
                Assert.True(Math.Abs(y[j] - expected[j]) <= SumTolerance * scale[j] + 1e-30, $"rows {rows} cols {cols} column {j}: {y[j]} vs {expected[j]}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Outer_products_summed_over_steps_write_or_add_and_return_the_sum_of_squares(int cols)
    {
        // rows 1 (a bias or the head), 2 (the row pair only), 5 (pairs and a leftover row); steps 1 and 7.
        foreach (int rows in new[] { 1, 2, 5 })
            foreach (int steps in new[] { 1, 7 })
            {
                var d = Random(steps * rows, 10);
                var v = Random(steps * cols, 11);
                var sum = new double[rows * cols];
                for (int t = 0; t < steps; t++)
                    for (int r = 0; r < rows; r++)
                        for (int j = 0; j < cols; j++) sum[r * cols + j] += (double)d[t * rows + r] * v[t * cols + j];

                var g = Enumerable.Repeat(99f, rows * cols).ToArray(); // stale bytes under a gradient known to be zero
                float written = SimdKernels.AddOuterProducts(g, d, v, steps, accumulate: false);
                double squares = 0;
                for (int k = 0; k < g.Length; k++)
                {
                    Assert.True(Math.Abs(g[k] - sum[k]) <= SumTolerance * steps + 1e-30, $"rows {rows} cols {cols} steps {steps} element {k}");
                    squares += (double)g[k] * g[k];
                }
                Assert.True(Math.Abs(written - squares) <= SumTolerance * squares + 1e-30);

                float added = SimdKernels.AddOuterProducts(g, d, v, steps, accumulate: true);
                squares = 0;
                for (int k = 0; k < g.Length; k++)
                {
                    Assert.True(Math.Abs(g[k] - 2 * sum[k]) <= 2 * SumTolerance * steps + 1e-30);
                    squares += (double)g[k] * g[k];
                }
                Assert.True(Math.Abs(added - squares) <= SumTolerance * squares + 1e-30);
            }
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

    /// <summary>PyTorch 1.13's single-tensor Adam in float, one element at a time, division by √(1 − β2ᵗ) included.</summary>
    private static void AdamScalarMirror(float[] p, float[] g, float[] m, float[] v, AdamScalars s)
    {
        for (int j = 0; j < p.Length; j++)
        {
            float gj = g[j] * s.GradScale;
            if (s.WeightDecay != 0f) gj = MathF.FusedMultiplyAdd(p[j], s.WeightDecay, gj);
            float mj = MathF.FusedMultiplyAdd(gj, s.OneMinusBeta1, m[j] * s.Beta1);
            float vj = v[j] * s.Beta2 + s.OneMinusBeta2 * gj * gj;
            float denom = MathF.Sqrt(vj) / s.SqrtBiasCorrection2 + s.Epsilon;
            (m[j], v[j], p[j]) = (mj, vj, p[j] + s.NegativeStepSize * mj / denom);
        }
    }

    [Theory]
    [InlineData(7L, 0.0)]
    [InlineData(16_627L, 0.01)]
    [InlineData(16_628L, 0.0)]
    [InlineData(400_000L, 0.01)]
    public void Adam_update_gives_the_bits_of_the_float_formula_before_and_after_the_bias_correction_rounds_to_one(long step, double weightDecay)
    {
        var scalars = AdamScalars.For(new OptimizerSettings(WeightDecay: weightDecay), 1e-3f, step, 0.75f);
        // From t = 16,628 on (β2 = 0.999) √(1 − β2ᵗ) is 1 in float and the kernel skips that division: same bits required.
        Assert.Equal(step >= 16_628, scalars.SqrtBiasCorrection2 == 1f);
        const int n = 16 * 37 + 13; // every lane width and a tail
        var p = Random(n, 21);
        var g = Random(n, 22);
        var m = Random(n, 23).Select(x => x * 1e-3f).ToArray();
        var v = Random(n, 24).Select(x => x * x * 1e-6f).ToArray();
        // The awkward values: zero and subnormal gradients and moments, and non-finite gradients.
        float[] special = [0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, 1e-30f, float.PositiveInfinity, float.NaN, float.MaxValue];
        for (int i = 0; i < special.Length; i++) { g[5 * i] = special[i]; m[5 * i + 1] = special[i] * 1e-3f; v[5 * i + 2] = MathF.Abs(special[i]); }
        float[] p2 = [.. p], m2 = [.. m], v2 = [.. v];
        OptimizerKernels.AdamUpdate(p, g, m, v, scalars);
        AdamScalarMirror(p2, g, m2, v2, scalars);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(p2[i]), BitConverter.SingleToInt32Bits(p[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(m2[i]), BitConverter.SingleToInt32Bits(m[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(v2[i]), BitConverter.SingleToInt32Bits(v[i]));
        }
    }

    [Theory]
    [InlineData(32, 9L, 0.0)]
    [InlineData(32, 20_000L, 0.01)]
    [InlineData(64, 20_000L, 0.0)]
    [InlineData(40, 20_000L, 0.0)]
    [InlineData(40, 9L, 0.01)]
    public void Adam_update_from_the_factors_gives_the_bits_of_the_float_formula_on_the_formed_gradient(int cols, long step, double weightDecay)
    {
        // Rows of whole 16-lane vectors (32, 64) take their own loop on AVX-512; 40 takes the 8-lane loop and a tail.
        const int rows = 9;
        var scalars = AdamScalars.For(new OptimizerSettings(WeightDecay: weightDecay), 1e-3f, step, 0.7f);
        var d = Random(rows, 51);
        var h = Random(cols, 52);
        d[1] = 1e-20f; d[2] = 0f; d[3] = float.Epsilon; d[4] = float.NaN; d[5] = float.PositiveInfinity; // tiny and non-finite rows
        h[3] = 1e-21f; h[4] = -0f;
        var p = Random(rows * cols, 53);
        var m = Random(rows * cols, 54).Select(x => x * 1e-3f).ToArray();
        var v = Random(rows * cols, 55).Select(x => x * x * 1e-6f).ToArray();
        float[] special = [0f, -0f, float.Epsilon, 1e-40f, 1e-30f, float.PositiveInfinity, float.NaN, float.MaxValue];
        for (int i = 0; i < special.Length; i++) { m[7 * i + 1] = special[i] * 1e-3f; v[7 * i + 2] = MathF.Abs(special[i]); }
        var formed = new float[rows * cols];
        SimdKernels.OuterProduct(formed, d, h, accumulate: false);
        float[] p2 = [.. p], m2 = [.. m], v2 = [.. v];
        OptimizerKernels.AdamUpdateOuterProduct(p, m, v, d, h, scalars);
        AdamScalarMirror(p2, formed, m2, v2, scalars);
        for (int i = 0; i < rows * cols; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(p2[i]), BitConverter.SingleToInt32Bits(p[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(m2[i]), BitConverter.SingleToInt32Bits(m[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(v2[i]), BitConverter.SingleToInt32Bits(v[i]));
        }
    }

    [Theory]
    [InlineData(0.0, 0.0, false, true)]
    [InlineData(0.9, 0.0, false, true)]
    [InlineData(0.9, 0.0, false, false)]
    [InlineData(0.9, 1e-3, true, false)]
    public void Sgd_update_from_the_factors_gives_the_bits_of_the_formed_gradient_and_of_the_scalar_formula(double momentum, double weightDecay, bool nesterov, bool firstStep)
    {
        var o = new OptimizerSettings(OptimizerKind.Sgd, Momentum: momentum, WeightDecay: weightDecay, Nesterov: nesterov);
        const int rows = 12, cols = 37; // 8-lane blocks and a tail in every row
        var d = Random(rows, 31);
        var h = Random(cols, 32);
        var p = Random(rows * cols, 33);
        var b = Random(rows * cols, 34).Select(x => x * 0.1f).ToArray();
        var formed = new float[rows * cols];
        SimdKernels.OuterProduct(formed, d, h, accumulate: false);
        float[] p2 = [.. p], b2 = [.. b], p3 = [.. p], b3 = [.. b];
        const float lr = 1e-2f, clip = 0.6f;
        OptimizerKernels.SgdUpdateOuterProduct(p, b, d, h, lr, clip, o, firstStep);
        OptimizerKernels.SgdUpdate(p2, formed, b2, lr, clip, o, firstStep);
        float wd = (float)weightDecay, mu = (float)momentum;
        for (int j = 0; j < p3.Length; j++)
        {
            float step = formed[j] * clip;
            if (wd != 0f) step = MathF.FusedMultiplyAdd(p3[j], wd, step);
            if (mu != 0f)
            {
                b3[j] = firstStep ? step : step + b3[j] * mu;
                step = nesterov ? MathF.FusedMultiplyAdd(b3[j], mu, step) : b3[j];
            }
            p3[j] = MathF.FusedMultiplyAdd(step, -lr, p3[j]);
        }
        Assert.Equal(p3, p2);
        Assert.Equal(b3, b2);
        Assert.Equal(p2, p);
        Assert.Equal(b2, b);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Adam_update_with_the_next_projection_gives_the_update_and_the_mat_vec_bits(int cols)
    {
        const int rows = 6;
        var scalars = AdamScalars.For(new OptimizerSettings(), 1e-3f, cols % 2 == 0 ? 20_000 : 9, 0.8f);
        var d = Random(rows, 41);
        var h = Random(cols, 42);
        var next = Random(cols, 43);
        var p = Random(rows * cols, 44);
        var m = Random(rows * cols, 45).Select(x => x * 1e-3f).ToArray();
        var v = Random(rows * cols, 46).Select(x => x * x * 1e-6f).ToArray();
        float[] p2 = [.. p], m2 = [.. m], v2 = [.. v];
        var projection = new float[rows];
        OptimizerKernels.AdamUpdateOuterProduct(p, m, v, d, h, scalars, next, projection);
        OptimizerKernels.AdamUpdateOuterProduct(p2, m2, v2, d, h, scalars);
        Assert.Equal(p2, p);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
        var expected = new float[rows];
        SimdKernels.MatVec(p2, next, expected);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), projection.Select(BitConverter.SingleToInt32Bits));
    }

    private static double SumSquares(float[] x) => x.Sum(v => (double)v * v);
}
