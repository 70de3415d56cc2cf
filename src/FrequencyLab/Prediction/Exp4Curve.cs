namespace FrequencyLab.Prediction;

/// <summary>exp4 (Domhan et al.: c − e^(−a·x^α + b)), as a loss: a stretched exponential decay to c.</summary>
public sealed class Exp4Curve : CurveFamily
{
    public override string Name => "exp4";
    public override string Formula => "c + e^(−a·t^α + b)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a", "b", "alpha"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + Math.Exp(-p[1] * Math.Pow(t, p[3]) + p[2]);

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 1e-6, -60, 0.05], [s.Max, 10, 60, 3]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, _) = s.Excess(c);
            double a = s.DecayRate(c);
            yield return [c, a, Math.Log(d0) + a * s.FirstEpoch, 1];
        }
    }
}
