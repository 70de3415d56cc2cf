namespace FrequencyLab.Prediction;

/// <summary>pow3 (Domhan et al.: c − a·x^−α), as a loss: a power-law decay to the floor c.</summary>
public sealed class Pow3Curve : CurveFamily
{
    public override string Name => "pow3";
    public override string Formula => "c + a·t^(−α)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a", "alpha"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + p[1] * Math.Pow(t, -p[2]);

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 0, 0.01], [s.Max, 1e4 * s.Max, 6]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, dn) = s.Excess(c);
            double alpha = Math.Clamp(Math.Log(d0 / dn) / Math.Log(Math.Max(s.LastEpoch / s.FirstEpoch, 1.5)), 0.05, 5);
            yield return [c, d0 * Math.Pow(s.FirstEpoch, alpha), alpha];
        }
    }
}
