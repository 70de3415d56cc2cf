namespace FrequencyLab.Diagnostics;

/// <summary>Reported after every step of an LR range test.</summary>
public sealed record LrFinderProgress(int Step, int Steps, double LearningRate, double SmoothedLoss);
