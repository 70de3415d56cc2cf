using FrequencyLab.Findings;

namespace FrequencyLab.Diagnostics;

/// <summary>Verdicts on where the running train loss comes from (<see cref="UpdateEffectExperiment"/>).</summary>
public static class UpdateEffectFindings
{
    /// <summary>
    /// Does the running train loss overstate what the weights can do? Rule, on the last epoch: supported when the frozen
    /// train MSE of the final weights is more than 10 % above the running train loss (the loss measured while the weights
    /// change every row looks better than the weights are), contradicted when it is within 10 % or below, no interval needed
    /// (both are means over the same rows).
    /// </summary>
    public static Finding RunningLossOverstates(UpdateEffectResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var e = result.Epochs[^1];
        double ratio = e.FrozenTrainMse / e.TrainLoss;
        var verdict = ratio > 1.1 ? Verdict.Supported : Verdict.Contradicted;
        return new Finding($"Is the running train loss better than what the weights can do (lr {Number.Format(e.LearningRate)}, epoch {e.Epoch})?", verdict,
            $"Running train loss {Number.Format(e.TrainLoss)}; the epoch's final weights on the same rows (frozen) {Number.Format(e.FrozenTrainMse)} ({Number.Format(ratio)}×), on the test rows {Number.Format(e.FrozenTestMse)}. "
            + $"A row's own update lowers its loss by {Number.Format(e.MeanOwnUpdateGain)} on average ({Number.Percent(e.FractionImproved).TrimStart('+')} of sampled rows improve).",
            "supported when frozen train MSE > 1.1 × running train loss in the last epoch, otherwise contradicted",
            [new Measurement("running train loss", e.TrainLoss, "MSE"), new Measurement("frozen train MSE", e.FrozenTrainMse, "MSE"),
             new Measurement("frozen test MSE", e.FrozenTestMse, "MSE"), new Measurement("loss before own update (sampled)", e.MeanBefore, "MSE"),
             new Measurement("loss after own update (sampled)", e.MeanAfter, "MSE")]);
    }

    /// <summary>
    /// Does the gap between running loss and frozen MSE grow with the learning rate? Rule (first epoch, rates in increasing
    /// order): supported when the gap (frozen train MSE − running train loss) increases with every step up in lr,
    /// contradicted when it never increases, inconclusive otherwise.
    /// </summary>
    public static Finding GapGrowsWithLearningRate(IReadOnlyList<UpdateEffectResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count < 2) throw new ArgumentException("need at least two learning rates", nameof(results));
        var first = results.Select(r => r.Epochs[0]).OrderBy(e => e.LearningRate).ToList();
        var ups = first.Zip(first.Skip(1), (a, b) => b.Gap > a.Gap).ToList();
        var verdict = ups.All(u => u) ? Verdict.Supported : ups.All(u => !u) ? Verdict.Contradicted : Verdict.Inconclusive;
        return new Finding("Does the gap between the running loss and the frozen MSE grow with the learning rate?", verdict,
            "Epoch-1 gap (frozen train MSE − running train loss): " + string.Join(", ", first.Select(e => $"lr {Number.Format(e.LearningRate)}: {Number.Format(e.Gap)}")) + ".",
            "supported when the epoch-1 gap rises at every step up in lr, contradicted when it never rises, otherwise inconclusive",
            first.Select(e => new Measurement($"gap at lr {Number.Format(e.LearningRate)}", e.Gap, "MSE")).ToList());
    }
}
