using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>One run a grid needs: a name (a stage's own, e.g. "lr-1e-3-seed-0" or "restart-seed-2") and the full training
/// config. Two runs whose configs are the same run (<see cref="RunKey"/>) are trained once and read from the same folder.</summary>
public sealed record GridRun(string Name, TrainingConfig Config);
