namespace FrequencyLab.Prediction;

/// <summary>log-power (Domhan et al.: a / (1 + (x/e^b)^c)), as a loss with a floor: a logistic in log t from c + a down to c.</summary>
public sealed class LogPowerCurve : CurveFamily
{
    public override string Name => "log-power";
    public override string Formula => "c + a / (1 + (t/e^b)^k)";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "a", "b", "k"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] + p[1] / (1 + Math.Pow(t / Math.Exp(p[2]), p[3]));

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([0, 0, -5, 0.05], [s.Max, 1e4 * s.Max, 12, 10]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        foreach (var c in s.FloorGuesses())
        {
            var (d0, _) = s.Excess(c);
            double b = Math.Log(Math.Max(s.FirstEpoch, 0.5 * s.LastEpoch));
            yield return [c, d0 * (1 + s.FirstEpoch / Math.Exp(b)), b, 1];
        }
    }
}
