namespace FrequencyLab.Signals;

/// <summary>How the amplitude A and phase φ of each frequency component are drawn.</summary>
public enum NoiseMode
{
    /// <summary>The report's task: A and φ drawn afresh for every sample and every frequency.</summary>
    PerSample,
    /// <summary>One A and one φ per frequency for the whole series: a control task with a fixed phase.</summary>
    PerSeries,
}
