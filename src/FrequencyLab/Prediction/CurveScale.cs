namespace FrequencyLab.Prediction;

/// <summary>The few numbers of a curve that set each family's bounds and starting points.</summary>
/// <param name="FirstEpoch">t of the first point.</param>
/// <param name="LastEpoch">t of the last point.</param>
/// <param name="First">Value at the first point.</param>
/// <param name="Last">Value at the last point.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public sealed record CurveScale(double FirstEpoch, double LastEpoch, double First, double Last, double Min, double Max)
{
    public static CurveScale Of(IReadOnlyList<double> epochs, IReadOnlyList<double> values) =>
        new(epochs[0], epochs[^1], values[0], values[^1], values.Min(), values.Max());

    /// <summary>Candidate asymptotes for the starting points: a floor well below, half, and just below the lowest value.</summary>
    public IEnumerable<double> FloorGuesses() => [0.1 * Min, 0.5 * Min, 0.9 * Min];

    /// <summary>First and last excess over floor <paramref name="c"/>, kept positive so that logs of them exist.</summary>
    public (double D0, double Dn) Excess(double c) =>
        (Math.Max(First - c, 1e-3 * First), Math.Max(Last - c, 1e-4 * First));

    /// <summary>A per-epoch decay rate that takes the first excess to the last over the observed span (≥ a small positive rate).</summary>
    public double DecayRate(double c)
    {
        var (d0, dn) = Excess(c);
        double span = Math.Max(LastEpoch - FirstEpoch, 1);
        return Math.Max(Math.Log(d0 / dn) / span, 1e-3);
    }
}
