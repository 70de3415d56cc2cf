namespace FrequencyLab.Learnability;

/// <summary>
/// The rule that turns a cell's frozen test MSEs over init seeds into a <see cref="LearnabilityVerdict"/>. The interval is the
/// min–max over seeds, so a verdict must hold for every seed; the margin keeps a difference within run-to-run noise from
/// counting as learning.
/// </summary>
public static class LearnabilityRule
{
    /// <summary>The margin as a fraction of the zero predictor's MSE (0.5 for unit sines): 5 %, i.e. 0.025 MSE there.</summary>
    public const double MarginFraction = 0.05;

    public static string Text =>
        $"with m = {MarginFraction:0.##} × MSE(zero): learns beyond the memoryless bound when the worst seed's frozen test MSE < MSE(best memoryless) − m; " +
        "reaches only the memoryless bound when instead the worst seed < MSE(zero) − m; otherwise learns nothing";

    /// <summary>The verdict for the seeds' MSEs against a zero bound and a memoryless bound.</summary>
    public static LearnabilityVerdict Judge(IReadOnlyList<double> seedMses, double zeroMse, double memorylessMse)
    {
        ArgumentNullException.ThrowIfNull(seedMses);
        if (seedMses.Count == 0) throw new ArgumentException("no seeds", nameof(seedMses));
        double margin = MarginFraction * zeroMse;
        // NaN (a diverged seed) is the worst seed: it learned nothing.
        double worst = seedMses.Any(double.IsNaN) ? double.PositiveInfinity : seedMses.Max();
        if (worst < memorylessMse - margin) return LearnabilityVerdict.LearnsBeyondMemoryless;
        if (worst < zeroMse - margin) return LearnabilityVerdict.ReachesMemorylessOnly;
        return LearnabilityVerdict.LearnsNothing;
    }

    /// <summary>"learns beyond the memoryless bound", … as prose and tables show the verdict.</summary>
    public static string Describe(LearnabilityVerdict verdict) => verdict switch
    {
        LearnabilityVerdict.LearnsBeyondMemoryless => "learns beyond the memoryless bound",
        LearnabilityVerdict.ReachesMemorylessOnly => "reaches only the memoryless bound",
        _ => "learns nothing",
    };
}
