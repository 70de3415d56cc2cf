namespace FrequencyLab.Validation;

/// <summary>The amplitude spectrum of one series of one dataset: S(t), or the clean target of one frequency.</summary>
/// <param name="Dataset">"train", "test", …</param>
/// <param name="Signal">"S" or "target".</param>
/// <param name="TargetFrequencyHz">The target's frequency; null for S.</param>
/// <param name="Spectrum">The single-sided amplitude spectrum.</param>
public sealed record SpectrumResult(string Dataset, string Signal, double? TargetFrequencyHz, AmplitudeSpectrum Spectrum);
