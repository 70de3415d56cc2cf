namespace FrequencyLab.Prediction;

/// <summary>
/// One curve of the calibration library, stored with the calibration so that it can be recomputed and checked.
/// </summary>
/// <param name="Name">What the curve is (its run folder and metric).</param>
/// <param name="Group">Curves that are not independent share a group (the seeds of one configuration, the two metrics of one
/// run): the calibration is always measured on groups it was not fitted on.</param>
/// <param name="Real">True for a curve of a real training run; false for a synthetic one (used to calibrate, never to measure).</param>
/// <param name="Epochs">Epochs, strictly increasing.</param>
/// <param name="Values">The metric at each epoch (positive).</param>
public sealed record CalibrationCurve(string Name, string Group, bool Real, IReadOnlyList<double> Epochs, IReadOnlyList<double> Values)
{
    public LearningCurve ToLearningCurve() => new(Name, Epochs, Values);
}
