namespace FrequencyLab.Engines;

/// <summary>What one forward step of an engine produced for one row.</summary>
/// <param name="Prediction">ŷ.</param>
/// <param name="Hidden">h', H values.</param>
/// <param name="Cell">c', H values.</param>
public sealed record StepOutputs(float Prediction, float[] Hidden, float[] Cell);
