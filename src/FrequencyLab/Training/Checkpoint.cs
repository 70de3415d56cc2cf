using FrequencyLab.Engines;

namespace FrequencyLab.Training;

/// <summary>
/// A resumable point of a run: the engine's snapshot (weights, optimizer moments and step count, carried (h, c)) and the
/// trainer's state. Engine-neutral; stored by <see cref="CheckpointFile"/>.
/// </summary>
public sealed record Checkpoint(EngineSnapshot Engine, TrainerState Trainer)
{
    public TrainingConfig Config => Trainer.History.Config;
}
