namespace FrequencyLab.Prediction;

/// <summary>Weibull (Domhan et al.: α − (α − β)·e^(−(κx)^δ)), as a loss: from c + a at t = 0 down to c.</summary>
public sealed class WeibullCurve : CurveFamily
{
    public override string Name => "weibull";
    public override string Formula => "c + a·e^(−(κ·t)^δ)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a", "kappa", "delta"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + p[1] * Math.Exp(-Math.Pow(p[2] * t, p[3]));

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 0, 1e-5, 0.05], [s.Max, 1e4 * s.Max, 10, 5]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, _) = s.Excess(c);
            double kappa = s.DecayRate(c);
            yield return [c, d0 * Math.Exp(kappa * s.FirstEpoch), kappa, 1];
        }
    }
}
