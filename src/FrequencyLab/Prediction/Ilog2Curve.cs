namespace FrequencyLab.Prediction;

/// <summary>ilog2 (Domhan et al.: c − a / log(x + 1)), as a loss: a very slow, logarithmic approach to c.</summary>
public sealed class Ilog2Curve : CurveFamily
{
    public override string Name => "ilog2";
    public override string Formula => "c + a / ln(t + 1)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + p[1] / Math.Log(t + 1);

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 0], [s.Max, 1e4 * s.Max]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, _) = s.Excess(c);
            yield return [c, d0 * Math.Log(s.FirstEpoch + 1)];
        }
    }
}
