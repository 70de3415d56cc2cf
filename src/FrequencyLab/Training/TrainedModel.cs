using FrequencyLab.Engines;

namespace FrequencyLab.Training;

/// <summary>A finished (or stopped) run kept in memory: its history and the engine's state at the end, weights included.</summary>
/// <param name="History">What the run recorded, as history.json holds it.</param>
/// <param name="Final">The engine after the last completed row: weights in <see cref="Model.ParameterLayout"/> order.</param>
public sealed record TrainedModel(TrainingHistory History, EngineSnapshot Final)
{
    public TrainingConfig Config => History.Config;
}
