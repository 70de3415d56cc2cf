using FrequencyLab.Validation;

namespace FrequencyLab.Learnability;

/// <summary>
/// The test MSE of the best causal linear filter of the last <paramref name="Taps"/> samples of S (one per frequency, fitted on
/// the training rows; <see cref="CausalLinearFilter"/>): the yardstick for a model that holds that much history.
/// </summary>
/// <param name="Taps">K, the samples of S the filter sees (the current one and K − 1 before it).</param>
/// <param name="Mse">MSE on the test rows (NaN when there were fewer train time samples than taps).</param>
/// <param name="MsePerFrequency">The same per frequency, in one-hot order.</param>
/// <param name="TrainMse">In-sample MSE on the training rows it was fitted on.</param>
public sealed record LinearFilterBound(int Taps, double Mse, double[] MsePerFrequency, double TrainMse)
{
    /// <summary>From a "linear-filter" baseline of <see cref="Baselines.Score"/>.</summary>
    internal static LinearFilterBound Of(BaselineResult b)
    {
        if (b.Taps is not { } taps) throw new ArgumentException($"'{b.Name}' is not a causal linear filter baseline", nameof(b));
        return new LinearFilterBound(taps, b.Mse, b.MsePerFrequency, b.TrainMse ?? double.NaN);
    }
}
