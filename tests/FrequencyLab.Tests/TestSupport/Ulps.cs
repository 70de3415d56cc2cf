namespace FrequencyLab.Tests.TestSupport;

/// <summary>
/// Units in the last place: the spacing of floating-point numbers at a value, and the distance between two numbers
/// counted in representable steps. The one home of ulp arithmetic for every comparison with numpy, PyTorch or a reference.
/// </summary>
public static class Ulps
{
    /// <summary>u = 2⁻⁵³: the largest relative error of one correctly rounded double operation (|fl(x) − x| ≤ u·|x|).</summary>
    public const double DoubleUnitRoundoff = 1.1102230246251565e-16;

    /// <summary>u = 2⁻²⁴: the same for float32.</summary>
    public const double SingleUnitRoundoff = 5.9604644775390625e-8;

    /// <summary>
    /// Number of representable doubles between <paramref name="a"/> and <paramref name="b"/> on the ordered integer line
    /// (−0 and +0 are one number apart from neither: both map to 0). Any NaN gives <see cref="long.MaxValue"/>.
    /// </summary>
    public static long Distance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return long.MaxValue;
        // Two's complement of the sign-magnitude bits: negative doubles map below zero, in order.
        static long Ordered(double v) { long i = BitConverter.DoubleToInt64Bits(v); return i < 0 ? long.MinValue - i : i; }
        // Opposite signs far apart overflow a long (−∞ to +∞ is 2⁶⁴ − 2⁵³ steps): saturate.
        return (long)Int128.Min(Int128.Abs((Int128)Ordered(a) - Ordered(b)), long.MaxValue);
    }

    /// <summary>The same on the ordered line of float32 numbers.</summary>
    public static long Distance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return long.MaxValue;
        static long Ordered(float v) { int i = BitConverter.SingleToInt32Bits(v); return i < 0 ? (long)int.MinValue - i : i; }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>
    /// ulp(x): the gap from |x| to the next double up. For normal x, u·|x| &lt; ulp(x) ≤ 2u·|x|; ulp(0) is the smallest
    /// subnormal.
    /// </summary>
    public static double Of(double x)
    {
        double m = Math.Abs(x);
        return double.IsFinite(m) ? Math.BitIncrement(m) - m : double.NaN;
    }

    /// <summary>ulp(x) of a float32 value.</summary>
    public static double Of(float x)
    {
        float m = MathF.Abs(x);
        return float.IsFinite(m) ? (double)MathF.BitIncrement(m) - m : double.NaN;
    }
}
