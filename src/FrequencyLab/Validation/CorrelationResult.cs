namespace FrequencyLab.Validation;

/// <summary>Pearson's r between S(t) and the target of one frequency over the N time samples of one dataset.</summary>
/// <param name="Dataset">"train", "test", …</param>
/// <param name="FrequencyHz">The target's frequency.</param>
/// <param name="R">Pearson's r(S, target).</param>
/// <param name="NoiseLevel">1/√N, the spread of r between independent series.</param>
/// <param name="SampleCount">N.</param>
public sealed record CorrelationResult(string Dataset, double FrequencyHz, double R, double NoiseLevel, int SampleCount);
