namespace FrequencyLab.Prediction;

/// <summary>MMF, Morgan–Mercer–Flodin (Domhan et al.: α − (α − β) / (1 + (κx)^δ)), as a loss: from c + a down to c.</summary>
public sealed class MmfCurve : CurveFamily
{
    public override string Name => "mmf";
    public override string Formula => "c + a / (1 + (κ·t)^δ)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a", "kappa", "delta"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + p[1] / (1 + Math.Pow(p[2] * t, p[3]));

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 0, 1e-5, 0.05], [s.Max, 1e4 * s.Max, 100, 6]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, _) = s.Excess(c);
            double kappa = 1 / Math.Max(s.FirstEpoch, 0.25 * s.LastEpoch);
            yield return [c, d0 * (1 + kappa * s.FirstEpoch), kappa, 1];
        }
    }
}
