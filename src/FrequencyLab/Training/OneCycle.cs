namespace FrequencyLab.Training;

/// <summary>
/// Smith's one-cycle policy (<see cref="ScheduleKind.OneCycle"/>) as torch.optim.lr_scheduler.OneCycleLR computes it (1.13,
/// anneal_strategy='cos', two phases, cycle_momentum=False: the optimizer's β₁ is not cycled), relative to the peak
/// (the config's learning rate): from 1/div up to 1 by step pct·T − 1, then down to 1/(div·final_div) at step T − 1, each
/// phase a half cosine: anneal(a, b, p) = b + (a − b)·(1 + cos(π·p))/2.
/// </summary>
/// <param name="TotalSteps">T: the units of the whole run (steps or epochs).</param>
/// <param name="PctStart">Fraction of T spent rising (PyTorch's default 0.3).</param>
/// <param name="DivFactor">Peak / initial learning rate (PyTorch's default 25).</param>
/// <param name="FinalDivFactor">Initial / final learning rate (PyTorch's default 1e4).</param>
public sealed record OneCycle(long TotalSteps, double PctStart, double DivFactor, double FinalDivFactor) : IScheduleCurve
{
    public double Factor(long step)
    {
        double initial = 1 / DivFactor, final = initial / FinalDivFactor;
        // PyTorch's phase ends, as floats: the rise ends at pct·T − 1, the fall at T − 1.
        double riseEnd = PctStart * TotalSteps - 1, fallEnd = TotalSteps - 1;
        double s = Math.Min(step, TotalSteps - 1);
        return s <= riseEnd
            ? Anneal(initial, 1, s / riseEnd)
            : Anneal(1, final, (s - riseEnd) / (fallEnd - riseEnd));
    }

    private static double Anneal(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);
}
