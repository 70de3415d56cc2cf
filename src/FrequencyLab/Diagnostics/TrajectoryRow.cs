namespace FrequencyLab.Diagnostics;

/// <summary>One row of the report's §2.1 table.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">The epoch's value.</param>
/// <param name="ChangeFromPrevious">Loss / previous − 1 (null for the first epoch or when the previous is not finite).</param>
/// <param name="ChangeFromBest">Loss / (lowest finite value of the EARLIER epochs) − 1, as the report computes it
/// (epoch 5: 0.458013 / 0.284746 − 1 = +60.9 %); null for the first epoch.</param>
/// <param name="IsBestSoFar">True when no earlier epoch had a lower value (the first epoch is the best so far).</param>
public sealed record TrajectoryRow(int Epoch, double Loss, double? ChangeFromPrevious, double? ChangeFromBest, bool IsBestSoFar)
{
    /// <summary>True when the value went up from the previous epoch.</summary>
    public bool Rose => ChangeFromPrevious is > 0;
}
