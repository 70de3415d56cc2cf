namespace FrequencyLab.Prediction;

/// <summary>
/// One held-out epoch of a backtest: a curve cut after <paramref name="Fitted"/> points, predicted, and compared
/// <paramref name="Ahead"/> epochs past the cut with the raw (bootstrap) band.
/// </summary>
public sealed record HeldOutPoint(string Group, bool Real, int Fitted, int Ahead, double Value, double Median, double Lower, double Upper)
{
    /// <summary>Smallest half-width of the band on the log scale that a score divides by (0.1 %): a band of zero width
    /// (a constant fit) would otherwise give every miss an infinite score.</summary>
    public const double MinimumLogWidth = 1e-3;

    /// <summary>
    /// The nonconformity score: by how much the band's log half-width on the value's side of the median must be scaled to
    /// reach the value: ln(y/median) / ln(upper/median) above the median, ln(median/y) / ln(median/lower) below it. The raw
    /// band covers the value when the score is at most 1; a band scaled by λ covers it when the score is at most λ.
    /// </summary>
    public double Score => Of(Value, Median, Lower, Upper);

    /// <summary>Ratio upper/lower of the band scaled by <paramref name="scale"/> (with the same floor on each half-width).</summary>
    public double Width(double scale) =>
        Math.Exp(scale * (Math.Max(Math.Log(Upper / Median), MinimumLogWidth) + Math.Max(Math.Log(Median / Lower), MinimumLogWidth)));

    public static double Of(double value, double median, double lower, double upper)
    {
        double u = Math.Log(value / median);
        return u >= 0 ? u / Math.Max(Math.Log(upper / median), MinimumLogWidth) : -u / Math.Max(Math.Log(median / lower), MinimumLogWidth);
    }
}
