namespace FrequencyLab.Signals;

/// <summary>How the noise enters the mixture: random amplitude A and phase φ per component, or additive Gaussian noise on S.</summary>
public enum NoiseMode
{
    /// <summary>The report's task: A and φ drawn afresh for every sample and every frequency.</summary>
    PerSample,
    /// <summary>One A and one φ per frequency for the whole series: a control task with a fixed phase.</summary>
    PerSeries,
    /// <summary>No random amplitude or phase: the clean in-phase mixture (1/K) Σ sin(2π f_i t) plus Gaussian noise of standard
    /// deviation <see cref="SignalSpec.NoiseStd"/> on S, drawn once per time sample. S then carries the clock, so a memoryless
    /// model can already read the target's phase from it (a control task that is learnable by construction).</summary>
    Additive,
}
