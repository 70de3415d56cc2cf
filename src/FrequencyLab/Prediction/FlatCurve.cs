namespace FrequencyLab.Prediction;

/// <summary>No progress: the curve stays where it is. The null model every decreasing family must beat out of sample.</summary>
public sealed class FlatCurve : CurveFamily
{
    public override string Name => "flat";
    public override string Formula => "c";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0];

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([1e-3 * s.Min], [10 * s.Max]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s) => [[Math.Sqrt(s.Min * s.Max)]];
}
