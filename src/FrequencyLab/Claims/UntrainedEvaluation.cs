using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>
/// The untrained model's frozen MSE ("epoch 0"): the config's initial weights, one no-grad stateful pass over the rows with
/// the evaluation state zeroed at the start and reset by the config's policy, exactly as the trainer's frozen pass after
/// an epoch. It answers whether the report's epoch-1 figure was already there before any update (its "lucky initialization").
/// </summary>
public static class UntrainedEvaluation
{
    public static double FrozenMse(TrainingConfig config, TrainingRows rows)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rows);
        using var engine = EngineFactory.Create(config.Engine, config.Shape, config.Optimizer, ModelInitializer.PyTorchDefault(config.Shape, config.InitSeed));
        var freq = rows.FrequencyIndex;
        double total = 0;
        engine.ResetEvalState();
        for (int row = 0; row < rows.Count; row++)
        {
            if (row > 0 && (config.Reset == ResetPolicy.Stateless || (config.Reset == ResetPolicy.PerBlock && freq[row] != freq[row - 1])))
                engine.ResetEvalState();
            float error = engine.Predict(rows.Input(row)) - rows.Targets[row];
            total += error * error;
        }
        return total / rows.Count;
    }
}
