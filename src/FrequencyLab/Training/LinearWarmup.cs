namespace FrequencyLab.Training;

/// <summary>
/// Linear learning-rate warm-up (the report's Plan C, <see cref="ScheduleKind.LinearWarmup"/>), with
/// torch.optim.lr_scheduler.LinearLR's shape (end factor 1): factor(s) = start + (1 − start)·min(s, S)/S for the s-th unit
/// (0-based), S = <paramref name="WarmupSteps"/>.
/// </summary>
/// <param name="StartFactor">Factor at the first step, in (0, 1].</param>
/// <param name="WarmupSteps">Units until the factor reaches 1; 0 disables warm-up.</param>
public sealed record LinearWarmup(double StartFactor, long WarmupSteps) : IScheduleCurve
{
    public static LinearWarmup None { get; } = new(1.0, 0);

    public double Factor(long step)
    {
        if (WarmupSteps <= 0 || step >= WarmupSteps) return 1.0;
        return StartFactor + (1.0 - StartFactor) * Math.Max(step, 0) / WarmupSteps;
    }
}
