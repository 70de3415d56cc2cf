namespace FrequencyLab.Prediction;

/// <summary>A learning curve the predictor cannot read as one: a NaN or infinite value, a non-positive loss, epochs that
/// are not positive and strictly increasing, or x and y of different lengths. One line naming the problem.</summary>
public sealed class CurveInputException(string message) : FrequencyLabException(message);
