namespace FrequencyLab.Prediction;

/// <summary>exp3 (Domhan et al.: c − e^(−a·x + b)), as a loss: an exponential decay to c.</summary>
public sealed class Exp3Curve : CurveFamily
{
    public override string Name => "exp3";
    public override string Formula => "c + e^(−a·t + b)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a", "b"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + Math.Exp(-p[1] * t + p[2]);

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 1e-6, -60], [s.Max, 10, 60]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, _) = s.Excess(c);
            double a = s.DecayRate(c);
            yield return [c, a, Math.Log(d0) + a * s.FirstEpoch];
        }
    }
}
