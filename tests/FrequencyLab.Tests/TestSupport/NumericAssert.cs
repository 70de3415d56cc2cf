namespace FrequencyLab.Tests.TestSupport;

/// <summary>What a comparison found: the element closest to (or furthest past) its tolerance, and how close.</summary>
/// <param name="Ratio">Worst |Δ| / allowed (ulps / allowed ulps for <see cref="Tolerance.Ulps"/>): ≤ 1 passes.</param>
public sealed record Agreement(string What, Tolerance Tolerance, int Count, int Violations, int WorstIndex,
    double Expected, double Actual, double AbsDiff, long UlpDistance, double Allowed, double Ratio)
{
    public bool Holds => Violations == 0;

    public override string ToString() => Count == 0 ? $"{What}: no values" :
        $"{What}: {Violations} of {Count} outside {Tolerance}; worst [{WorstIndex}]: expected {Expected:R}, actual {Actual:R}, " +
        $"|Δ| {AbsDiff:E3} ({(UlpDistance == long.MaxValue ? "∞" : UlpDistance.ToString())} ulps), allowed {Allowed:E3} ({Ratio:G3} of the tolerance)";
}

/// <summary>
/// Asserts that an array agrees with a reference within a <see cref="Tolerance"/>; a failure names the worst index, both
/// values, the distance in absolute terms and in ulps, and the allowance. Each method returns the <see cref="Agreement"/>
/// so a test can print how much headroom it measured.
/// </summary>
public static class NumericAssert
{
    public static Agreement Within(IReadOnlyList<double> expected, IReadOnlyList<double> actual, Tolerance tolerance, string what)
    {
        var found = Measure(expected, actual, tolerance, what);
        if (!found.Holds) Assert.Fail(found.ToString());
        return found;
    }

    /// <summary>Float32 arrays: ulps are counted on the float32 line, differences computed in double.</summary>
    public static Agreement Within(IReadOnlyList<float> expected, IReadOnlyList<float> actual, Tolerance tolerance, string what)
    {
        var found = Measure(expected, actual, tolerance, what);
        if (!found.Holds) Assert.Fail(found.ToString());
        return found;
    }

    public static Agreement Within(double expected, double actual, Tolerance tolerance, string what) =>
        Within([expected], [actual], tolerance, what);

    /// <summary>Bit for bit: see <see cref="Tolerance.Exact"/>.</summary>
    public static Agreement Exact(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what) =>
        Within(expected, actual, Tolerance.Exact, what);

    public static Agreement Exact(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what) =>
        Within(expected, actual, Tolerance.Exact, what);

    /// <summary>The comparison without asserting (for tests of a tolerance itself, and for printing).</summary>
    public static Agreement Measure(IReadOnlyList<double> expected, IReadOnlyList<double> actual, Tolerance tolerance, string what) =>
        Compare(expected, actual, tolerance, what, i => (expected[i], actual[i], Ulps.Distance(expected[i], actual[i]),
            BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i])));

    public static Agreement Measure(IReadOnlyList<float> expected, IReadOnlyList<float> actual, Tolerance tolerance, string what) =>
        Compare(expected, actual, tolerance, what, i => (expected[i], actual[i], Ulps.Distance(expected[i], actual[i]),
            BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])));

    private static Agreement Compare<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Tolerance tolerance, string what,
        Func<int, (double E, double A, long Ulps, bool SameBits)> at)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} values where the reference has {expected.Count}");
        int violations = 0, worst = -1;
        double worstRatio = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            var (e, a, ulps, same) = at(i);
            double ratio = tolerance switch
            {
                _ when ReferenceEquals(tolerance, Tolerance.Exact) => same ? 0 : double.PositiveInfinity,
                Tolerance.UlpBound u => same ? 0 : u.N == 0 ? double.PositiveInfinity : ulps / (double)u.N,
                // e == a: also equal infinities; NaN on both sides agrees (as numpy's assert_allclose, equal_nan=True).
                _ => e == a || (double.IsNaN(e) && double.IsNaN(a)) ? 0 : Ratio(Math.Abs(e - a), tolerance.Allowed(i, e)),
            };
            if (double.IsNaN(ratio)) ratio = double.PositiveInfinity; // a NaN on one side only, or a NaN allowance
            bool fails = ratio > 1;
            if (fails) violations++;
            // Report the first failing element for exact comparisons, otherwise the one furthest along its allowance.
            if (ratio > worstRatio) { worstRatio = ratio; worst = i; }
        }
        if (worst < 0) return new Agreement(what, tolerance, 0, 0, -1, 0, 0, 0, 0, 0, 0);
        var (we, wa, wu, _) = at(worst);
        double allowed = tolerance is Tolerance.UlpBound ub ? ub.N * (typeof(T) == typeof(float) ? Ulps.Of((float)we) : Ulps.Of(we)) : tolerance.Allowed(worst, we);
        return new Agreement(what, tolerance, expected.Count, violations, worst, we, wa, Math.Abs(we - wa), wu, allowed, worstRatio);
    }

    private static double Ratio(double diff, double allowed) =>
        diff == 0 ? 0 : allowed > 0 ? diff / allowed : double.PositiveInfinity;
}
