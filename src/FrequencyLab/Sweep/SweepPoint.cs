using FrequencyLab.Data;
using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>One run of a <see cref="SweepGrid"/>: its folder name, its four grid coordinates and its full config.</summary>
public sealed record SweepPoint(string Name, double LearningRate, ulong InitSeed, ResetPolicy Reset, RowOrder Order, TrainingConfig Config);
