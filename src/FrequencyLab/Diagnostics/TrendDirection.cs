namespace FrequencyLab.Diagnostics;

/// <summary>The direction a claim says a trajectory moves in.</summary>
public enum TrendDirection
{
    /// <summary>The values go up over the epochs (the report's "monotonic degradation").</summary>
    Rising,
    /// <summary>The values go down (convergence).</summary>
    Falling,
}
