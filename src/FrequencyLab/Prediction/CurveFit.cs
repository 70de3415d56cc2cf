namespace FrequencyLab.Prediction;

/// <summary>One family fitted to one curve on the log scale.</summary>
/// <param name="Family">The family.</param>
/// <param name="Parameters">Fitted parameters, in <see cref="CurveFamily.ParameterNames"/> order.</param>
/// <param name="Weights">The robust (Huber) weight of each point after reweighting: 1 for ordinary points, &lt; 1 for outliers.</param>
/// <param name="LogResiduals">ln(observed) − ln(fitted) at each point.</param>
public sealed record CurveFit(CurveFamily Family, double[] Parameters, double[] Weights, double[] LogResiduals)
{
    /// <summary>The fitted curve at epoch <paramref name="t"/>.</summary>
    public double At(double t) => Family.Evaluate(Parameters, t);

    /// <summary>Residual variance on the log scale with the degrees of freedom the parameters used (n − p).</summary>
    public double ResidualVariance
    {
        get
        {
            int dof = Math.Max(LogResiduals.Length - Parameters.Length, 1);
            return LogResiduals.Sum(r => r * r) / dof;
        }
    }

    public double Asymptote => Family.Asymptote(Parameters);
}
