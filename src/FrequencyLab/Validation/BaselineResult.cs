namespace FrequencyLab.Validation;

/// <summary>
/// One baseline's mean squared error on the scored set: overall (mean over all its rows) and per frequency
/// (over the rows of that frequency, in one-hot order).
/// </summary>
/// <param name="Name">Short name, e.g. "zero", "polynomial degree 3", "persistence (blocks)".</param>
/// <param name="Family">zero | variance | polynomial | quantile-bins | best-memoryless | linear-filter | clock | persistence.</param>
/// <param name="Mse">Mean squared error over all scored rows.</param>
/// <param name="MsePerFrequency">Mean squared error per frequency.</param>
/// <param name="TrainMse">For baselines fitted on train: their in-sample MSE on train; otherwise null.</param>
/// <param name="TrainMsePerFrequency">For baselines fitted on train: the in-sample MSE per frequency; otherwise null.</param>
/// <param name="Note">What the baseline knows and how it was fitted.</param>
public sealed record BaselineResult(string Name, string Family, double Mse, double[] MsePerFrequency, double? TrainMse, double[]? TrainMsePerFrequency, string Note)
{
    /// <summary>For a causal linear filter: its number of taps K; otherwise null.</summary>
    public int? Taps { get; init; }
}
