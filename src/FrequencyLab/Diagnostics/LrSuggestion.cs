namespace FrequencyLab.Diagnostics;

/// <summary>One suggestion rule's pick.</summary>
/// <param name="Method">"steep", "valley", "minimum" (fastai's names) or "lightning".</param>
/// <param name="LearningRate">The suggested rate (for "minimum": a tenth of the rate at the lowest loss, as fastai returns).</param>
/// <param name="Index">Index of the step the rule chose, in the full record (null when the rule had too few points).</param>
/// <param name="SmoothedLoss">The smoothed loss at that step.</param>
public sealed record LrSuggestion(string Method, double LearningRate, int? Index, double SmoothedLoss);
