namespace FrequencyLab.Prediction;

/// <summary>
/// Diverging: the loss grows exponentially, c·e^(r·t) with r ≥ 0 (a straight line on the log-loss axis the report's
/// alerts watch). Its asymptote is +∞ once r is a real growth rate; a rate below <see cref="NoGrowthRate"/> per epoch
/// (under 1 % over 100 epochs) is no growth, and the model is then the flat one.
/// </summary>
public sealed class RisingCurve : CurveFamily
{
    public const double NoGrowthRate = 1e-4;

    public override string Name => "rising";
    public override string Formula => "c·e^(r·t), r ≥ 0";
    public override IReadOnlyList<string> ParameterNames { get; } = ["c", "r"];

    public override double Evaluate(ReadOnlySpan<double> p, double t) => p[0] * Math.Exp(p[1] * t);

    public override (double[] Lower, double[] Upper) Bounds(CurveScale s) => ([1e-3 * s.Min, 0], [10 * s.Max, 1]);

    public override IEnumerable<double[]> InitialGuesses(CurveScale s)
    {
        double r = Math.Clamp(Math.Log(s.Last / s.First) / Math.Max(s.LastEpoch - s.FirstEpoch, 1), 1e-3, 0.5);
        yield return [s.First * Math.Exp(-r * s.FirstEpoch), r];
    }

    public override double Asymptote(ReadOnlySpan<double> p) => p[1] > NoGrowthRate ? double.PositiveInfinity : p[0];
}
