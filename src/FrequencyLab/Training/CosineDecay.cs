namespace FrequencyLab.Training;

/// <summary>
/// Cosine decay to a floor over the whole run (<see cref="ScheduleKind.Cosine"/>), torch.optim.lr_scheduler.CosineAnnealingLR
/// with T_max = <paramref name="TotalSteps"/> and eta_min = floor·lr, in closed form:
/// factor(s) = floor + (1 − floor)·(1 + cos(π·s/T))/2, from 1 at s = 0 towards the floor at s = T.
/// </summary>
/// <param name="Floor">Factor the decay ends at, in [0, 1).</param>
/// <param name="TotalSteps">T: the units of the whole run (steps or epochs).</param>
public sealed record CosineDecay(double Floor, long TotalSteps) : IScheduleCurve
{
    public double Factor(long step)
    {
        double progress = Math.Clamp((double)step / TotalSteps, 0, 1);
        return Floor + (1 - Floor) * (1 + Math.Cos(Math.PI * progress)) / 2;
    }
}
