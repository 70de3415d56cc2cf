namespace FrequencyLab.Engines;

/// <summary>An engine's forward step against the double reference: the output that came closest to its tolerance.</summary>
/// <param name="Quantity">"prediction", "hidden" or "cell".</param>
/// <param name="Index">The element of <paramref name="Quantity"/> (0 for the prediction).</param>
/// <param name="Expected">The double reference's value.</param>
/// <param name="Actual">The engine's value.</param>
/// <param name="Tolerance">The float32 rounding bound for that element (<see cref="ForwardCheck"/>).</param>
public sealed record ForwardComparison(string Quantity, int Index, double Expected, double Actual, double Tolerance)
{
    /// <summary>|actual − expected| ÷ tolerance: at most 1 when the engine agrees; 0 for an exact match (a tolerance can be
    /// 0, e.g. ŷ of an all-zero head); +∞ for a non-finite output where the reference is finite. Where the reference itself
    /// is not finite (non-finite weights, e.g. a diverged run's checkpoint) nothing can be checked: a non-finite output
    /// agrees, a finite one does not.</summary>
    public double Ratio =>
        !double.IsFinite(Expected) ? (double.IsFinite(Actual) ? double.PositiveInfinity : 0)
        : !double.IsFinite(Actual) ? double.PositiveInfinity
        : Actual == Expected ? 0
        : Math.Abs(Actual - Expected) / Tolerance;

    public bool Agrees => Ratio <= 1;

    /// <summary>"hidden[3] = -0.4255 where the double reference gives -0.4594 (|Δ| 3.4E-002, tolerance 2.1E-006)".</summary>
    public override string ToString() =>
        $"{(Quantity == "prediction" ? "ŷ" : $"{Quantity}[{Index}]")} = {Actual:G6} where the double reference gives {Expected:G6} " +
        $"(|Δ| {Math.Abs(Actual - Expected):E1}, tolerance {Tolerance:E1})";
}
