namespace FrequencyLab.Signals;

/// <summary>
/// The 256-layer normal ziggurat of numpy's <c>random_standard_normal</c> (Marsaglia &amp; Tsang 2000, layout of
/// Octave's randmtzig / numpy: index 0 is the base strip with the tail, 255 the layer that touches x = r), computed
/// here instead of copied. All 768 entries equal numpy 1.24's ziggurat_constants.h (compared once, offline); the
/// committed tests prove the draws bit-identical and check the recipe's rules.
/// </summary>
/// <remarks>
/// Recipe (IEEE double arithmetic, glibc <c>exp</c>/<c>log</c> as .NET's <see cref="Math.Exp"/>/<see cref="Math.Log(double)"/> on Linux,
/// f(x) = exp(−x²/2), M = 2⁵²):
/// <code>
/// x₂₅₅ = r;  f₂₅₅ = f(r);  w₂₅₅ = r/M
/// w₀ = v/f(r)/M;  f₀ = 1;  k₀ = round(r·f(r)/v·M);  k₁ = 0          (round: half to even)
/// for i = 254 … 1:  xᵢ = sqrt(−2·log(v/xᵢ₊₁ + fᵢ₊₁));  kᵢ₊₁ = round(xᵢ/xᵢ₊₁·M);  wᵢ = xᵢ/M;  fᵢ = f(xᵢ)
/// </code>
/// Three details had to be found by comparing with numpy, none follows from the textbook construction:
/// (1) v is the double 0.004928673233974652, four ulps below 0.004928673233974655, the double nearest the exact area
/// r·f(r) + √(π/2)·erfc(r/√2) = 0.00492867323397465493… (r to 80 digits); neither Octave's 0.00492867323399 nor the exact area
/// reproduces numpy's tables (the recursion amplifies any change in v towards layer 1);
/// (2) kᵢ₊₁ is rounded half to even, not truncated as in Octave and Julia (the ratios lie in [2⁵¹, 2⁵²), where
/// doubles are multiples of ½, so each is an integer or an exact half; draws cannot tell, since a 52-bit magnitude
/// equals kᵢ with probability 2⁻⁵², so <c>ZigguratTablesTests</c> checks the rule and numpy's header agreed offline);
/// (3) at layer <see cref="RoundedUpLayer"/> the table's f(x₃₈) is one ulp above glibc's (and the correctly rounded)
/// exp: the exact value lies 0.498 ulp above the lower double, a near tie that the (unknown, not correctly rounding)
/// exp of whoever generated numpy's table rounded up. No rule predicts it: layers 75 and 119 are equally near ties
/// (0.4986, 0.4983 ulp) and numpy's table rounds them down like glibc, and fdlibm's exp disagrees with the table at 24
/// layers. Because f₃₈ feeds x₃₇ … x₁, that single ulp changes 37 widths and 38 heights, so we apply it as one named
/// adjustment, a measured fact about the reference (<c>ZigguratTablesTests</c> checks that it is a near tie).
/// With these, all 768 entries are bit-identical to numpy 1.24's and every draw compared matches.
/// </remarks>
internal static class ZigguratTables
{
    /// <summary>Number of layers; the low 8 bits of a draw pick one.</summary>
    public const int Layers = 256;

    /// <summary>r: where the base strip's tail starts (numpy's ziggurat_nor_r).</summary>
    public const double R = 3.6541528853610088;

    /// <summary>1/r, used to scale the tail's exponential; the double equals numpy's ziggurat_nor_inv_r literal.</summary>
    public const double InverseR = 1.0 / R;

    /// <summary>v: the common area of every layer, including the base strip with its tail.</summary>
    public const double LayerArea = 0.004928673233974652;

    /// <summary>2⁵²: a draw's 52-bit magnitude is compared with kᵢ and scaled by wᵢ = xᵢ/2⁵².</summary>
    public const double Mantissa = 4503599627370496.0;

    /// <summary>The one layer whose height numpy's table holds one ulp above glibc's exp (see remarks).</summary>
    public const int RoundedUpLayer = 38;

    /// <summary>kᵢ: a draw in layer i with |magnitude| &lt; kᵢ lies under the next layer's edge and is accepted at once.</summary>
    public static readonly ulong[] Ki;

    /// <summary>wᵢ = xᵢ/2⁵²: magnitude·wᵢ is the candidate x (w₀ = v/f(r)/2⁵² for the base strip).</summary>
    public static readonly double[] Wi;

    /// <summary>fᵢ = exp(−xᵢ²/2), with f₀ = 1: the layer's heights for the wedge test.</summary>
    public static readonly double[] Fi;

    static ZigguratTables()
    {
        var (ki, wi, fi) = Compute(adjustRoundedUpLayer: true);
        Ki = ki;
        Wi = wi;
        Fi = fi;
    }

    /// <summary>The recipe of the remarks; <paramref name="adjustRoundedUpLayer"/> = false gives plain glibc heights.</summary>
    public static (ulong[] Ki, double[] Wi, double[] Fi) Compute(bool adjustRoundedUpLayer)
    {
        var ki = new ulong[Layers];
        var wi = new double[Layers];
        var fi = new double[Layers];
        double upper = R;
        wi[Layers - 1] = upper / Mantissa;
        fi[Layers - 1] = Density(upper);
        ki[0] = (ulong)Math.Round(upper * fi[Layers - 1] / LayerArea * Mantissa, MidpointRounding.ToEven);
        wi[0] = LayerArea / fi[Layers - 1] / Mantissa;
        fi[0] = 1.0;
        for (int i = Layers - 2; i > 0; i--)
        {
            // Layer i+1 has area v = xᵢ₊₁·(f(xᵢ) − f(xᵢ₊₁)), so f(xᵢ) = v/xᵢ₊₁ + f(xᵢ₊₁); invert f for the next edge.
            double x = Math.Sqrt(-2.0 * Math.Log(LayerArea / upper + fi[i + 1]));
            ki[i + 1] = (ulong)Math.Round(x / upper * Mantissa, MidpointRounding.ToEven);
            wi[i] = x / Mantissa;
            fi[i] = Density(x);
            if (adjustRoundedUpLayer && i == RoundedUpLayer) fi[i] = Math.BitIncrement(fi[i]);
            upper = x;
        }
        ki[1] = 0; // layer 1's top is f = 1: no part of it lies under a wider layer, always test the wedge
        return (ki, wi, fi);
    }

    /// <summary>The unnormalised normal density exp(−x²/2), evaluated as numpy does: exp(−0.5·x·x).</summary>
    public static double Density(double x) => Math.Exp(-0.5 * x * x);
}
