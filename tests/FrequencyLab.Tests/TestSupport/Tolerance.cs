namespace FrequencyLab.Tests.TestSupport;

/// <summary>
/// How closely a computed array must agree with a reference (numpy, PyTorch, TorchSharp, a double-precision reference).
/// Every kind scales with the values: there is no absolute epsilon. docs/numerics.md lists which comparison uses which
/// kind, and why.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Exact"/>: bit for bit. Safe where both sides do the same IEEE-754 operations in the same order on the
/// same inputs (integer RNG streams, +, −, ×, ÷, √ and conversions are correctly rounded on every CPU).</item>
/// <item><see cref="Ulps"/>: within n representable steps of the expected value. For one transcendental (sin, exp, tanh…)
/// where libraries pick different polynomial kernels per CPU but each is within a few ulps of the true value.</item>
/// <item><see cref="UlpsOfScale"/>: |Δᵢ| ≤ n·ulp(scaleᵢ), scaleᵢ the sum of the magnitudes that were added to make element i.
/// For a sum whose terms carry ulp-sized differences: the error bound of a sum is relative to Σ|terms|, not to the sum,
/// which can cancel to near zero (where an ulp of the result means nothing).</item>
/// <item><see cref="Relative"/>: |Δᵢ| ≤ r·max(|expectedᵢ|, floor), the floor stated by the caller (usually the largest
/// magnitude in the same tensor: a normwise bound). For accumulations reordered by BLAS/oneDNN/SIMD widths and for
/// recurrences that carry those differences forward, where no ulp count can be derived and r is measured.</item>
/// </list>
/// </remarks>
public abstract record Tolerance
{
    private Tolerance() { }

    /// <summary>Bit-identical values (the same NaN payload, the same sign of zero).</summary>
    public static Tolerance Exact { get; } = new ExactBits();

    /// <summary>At most <paramref name="n"/> ulps apart, counted on the float32 line for float arrays.</summary>
    public static Tolerance Ulps(long n) => n >= 0 ? new UlpBound(n) : throw new ArgumentOutOfRangeException(nameof(n));

    /// <summary>|Δᵢ| ≤ n·ulp(scaleᵢ): <paramref name="scale"/> has one magnitude per element (for a sum: Σ|terms|).</summary>
    public static Tolerance UlpsOfScale(long n, IReadOnlyList<double> scale) =>
        n >= 0 ? new ScaledUlpBound(n, scale) : throw new ArgumentOutOfRangeException(nameof(n));

    /// <summary>|Δᵢ| ≤ r·max(|expectedᵢ|, floor).</summary>
    public static Tolerance Relative(double r, double floor) =>
        r > 0 && floor >= 0 && double.IsFinite(r) && double.IsFinite(floor) ? new RelativeBound(r, floor) : throw new ArgumentOutOfRangeException(nameof(r));

    /// <summary>|Δᵢ| ≤ r·max|expected|: the normwise (∞-norm) relative bound, the floor being the tensor's own scale.</summary>
    public static Tolerance Normwise(double r, IEnumerable<double> expected) => Relative(r, MaxAbs(expected));

    /// <summary>The normwise bound over a float32 tensor.</summary>
    public static Tolerance Normwise(double r, IEnumerable<float> expected) => Relative(r, MaxAbs(expected.Select(v => (double)v)));

    /// <summary>The largest finite magnitude in <paramref name="values"/> (0 for none).</summary>
    public static double MaxAbs(IEnumerable<double> values) => values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();

    /// <summary>How far element i may be from its expected value (not used by <see cref="Exact"/> and <see cref="Ulps"/>).</summary>
    internal abstract double Allowed(int i, double expected);

    private sealed record ExactBits : Tolerance
    {
        internal override double Allowed(int i, double expected) => 0;
        public override string ToString() => "exact (bit for bit)";
    }

    internal sealed record UlpBound(long N) : Tolerance
    {
        internal override double Allowed(int i, double expected) => N * TestSupport.Ulps.Of(expected);
        public override string ToString() => $"{N} ulps";
    }

    private sealed record ScaledUlpBound(long N, IReadOnlyList<double> Scale) : Tolerance
    {
        internal override double Allowed(int i, double expected) => N * TestSupport.Ulps.Of(Scale[i]);
        public override string ToString() => $"{N} ulps of each element's scale";
    }

    private sealed record RelativeBound(double R, double Floor) : Tolerance
    {
        internal override double Allowed(int i, double expected) => R * Math.Max(Math.Abs(expected), Floor);
        public override string ToString() => $"relative {R:G3} (floor {Floor:G3})";
    }
}
