using System.Numerics;
using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Signals;

/// <summary>The computed ziggurat is a ziggurat: equal-area layers, consistent k/w/f, and one explained adjustment.</summary>
public class ZigguratTablesTests
{
    private const int N = ZigguratTables.Layers;
    private static double X(int i) => ZigguratTables.Wi[i] * ZigguratTables.Mantissa;

    [Fact]
    public void Every_layer_has_the_area_v_and_the_top_layer_closes_at_f_equal_1()
    {
        for (int i = 1; i < N - 1; i++)
        {
            double area = X(i + 1) * (ZigguratTables.Fi[i] - ZigguratTables.Fi[i + 1]);
            Assert.True(Math.Abs(area / ZigguratTables.LayerArea - 1) < 1e-12, $"layer {i + 1}: area {area:R}");
        }
        // r and v were chosen so that the recursion ends at the mode: the top layer x₁·(1 − f₁) also has area v.
        double top = X(1) * (1 - ZigguratTables.Fi[1]);
        Assert.True(Math.Abs(top / ZigguratTables.LayerArea - 1) < 1e-12, $"top layer area {top:R}");
    }

    [Fact]
    public void Edges_widen_heights_fall_and_k_is_the_rounded_ratio_of_neighbouring_edges()
    {
        Assert.Equal(ZigguratTables.R, X(N - 1));
        Assert.Equal(1.0, ZigguratTables.Fi[0]);
        Assert.Equal(0UL, ZigguratTables.Ki[1]);
        for (int i = 1; i < N - 1; i++)
        {
            Assert.True(X(i) < X(i + 1) && ZigguratTables.Fi[i] > ZigguratTables.Fi[i + 1], $"layer {i}");
            if (i + 1 != ZigguratTables.RoundedUpLayer) Assert.Equal(Math.Exp(-0.5 * X(i + 1) * X(i + 1)), ZigguratTables.Fi[i + 1]);
            AssertRoundedHalfToEven(ZigguratTables.Ki[i + 1], X(i) / X(i + 1) * ZigguratTables.Mantissa, $"k[{i + 1}]");
        }
        // The base strip: width v/f(r) (the rectangle r·f(r) plus the tail, spread over height f(r)); k₀ = r/w₀ in 2⁻⁵² units.
        Assert.Equal(ZigguratTables.LayerArea / ZigguratTables.Fi[N - 1], X(0));
        AssertRoundedHalfToEven(ZigguratTables.Ki[0], ZigguratTables.R * ZigguratTables.Fi[N - 1] / ZigguratTables.LayerArea * ZigguratTables.Mantissa, "k[0]");
        Assert.True(Math.Abs(ZigguratTables.Ki[0] - ZigguratTables.R / X(0) * ZigguratTables.Mantissa) <= 1);
        Assert.Equal(1.0 / ZigguratTables.R, ZigguratTables.InverseR, 1e-16);
    }

    [Fact]
    public void The_one_adjustment_moves_a_near_tie_of_layer_38_and_propagates_only_towards_the_top()
    {
        var plain = ZigguratTables.Compute(adjustRoundedUpLayer: false);
        int k = ZigguratTables.RoundedUpLayer;
        for (int i = 0; i < N; i++)
        {
            bool changed = i >= 1 && i <= k;
            Assert.Equal(changed, plain.Fi[i] != ZigguratTables.Fi[i]);
            Assert.Equal(i >= 1 && i < k, plain.Wi[i] != ZigguratTables.Wi[i]);
        }
        Assert.Equal(Math.BitIncrement(plain.Fi[k]), ZigguratTables.Fi[k]);

        // glibc's exp is the correctly rounded one here, but only just: the exact exp(−x²/2) lies 0.498 ulp above it.
        double argument = -0.5 * X(k) * X(k);
        double position = UlpsAbove(Math.Exp(argument), argument);
        Assert.InRange(position, 0.49, 0.5);
    }

    /// <summary>
    /// The ratios lie in [2⁵¹, 2⁵²), where doubles are multiples of ½: k is the ratio when it is whole, else the even
    /// neighbour of the exact half (truncation, Octave's and Julia's rule, would pick the odd one half of the time).
    /// </summary>
    private static void AssertRoundedHalfToEven(ulong k, double ratio, string what)
    {
        Assert.InRange(ratio, 2251799813685248.0, ZigguratTables.Mantissa);
        bool whole = ratio == Math.Floor(ratio);
        Assert.True(whole ? k == ratio : Math.Abs(k - ratio) == 0.5 && k % 2 == 0, $"{what} = {k}, ratio {ratio:R}");
    }

    /// <summary>(exp(a) − below)/ulp(below), with exp evaluated exactly enough in 2⁻²⁰⁰ fixed point.</summary>
    private static double UlpsAbove(double below, double a)
    {
        const int bits = 200;
        BigInteger one = BigInteger.One << bits;
        BigInteger arg = Fixed(a, bits), term = one, sum = one;
        for (int n = 1; term != 0; n++)
        {
            term = term * arg / one / n;
            sum += term;
        }
        BigInteger lo = Fixed(below, bits), ulp = Fixed(Math.BitIncrement(below), bits) - lo;
        return (double)((sum - lo) * 1_000_000 / ulp) / 1e6;
    }

    private static BigInteger Fixed(double v, int bits)
    {
        long raw = BitConverter.DoubleToInt64Bits(v);
        int exponent = (int)((raw >> 52) & 0x7ff);
        BigInteger mantissa = (raw & 0xf_ffff_ffff_ffffL) | (exponent == 0 ? 0 : 1L << 52);
        int shift = bits + Math.Max(exponent, 1) - 1075;
        var magnitude = shift >= 0 ? mantissa << shift : mantissa >> -shift;
        return raw < 0 ? -magnitude : magnitude;
    }
}
