namespace FrequencyLab.Prediction;

/// <summary>A learning curve the predictor cannot read as one: a NaN or infinite value, a negative (or, on the log scale,
/// zero) loss, epochs that are not positive and strictly increasing, more points or a later epoch than
/// <see cref="PredictionLimits"/> allow, or x and y of different lengths. One line naming the curve and the problem.</summary>
public sealed class CurveInputException : FrequencyLabException
{
    public CurveInputException(string curve, string problem) : base($"{curve}: {problem}")
    {
        Curve = curve;
        Problem = problem;
    }

    /// <summary>The curve's name.</summary>
    public string Curve { get; }

    /// <summary>What is wrong, without the curve's name (for a caller that names the file instead).</summary>
    public string Problem { get; }
}
