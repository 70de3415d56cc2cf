using FrequencyLab.Engines.Fused;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>
/// The report's prescribed restart (§5: lr 1e-4, fresh model and optimizer, up to 50 epochs, early stopping patience 10 /
/// min_delta 1e-4 on the train loss) as a trainer config on the fused engine: the base of the LR range test, the update-effect
/// experiment and the gradient probe. The restart's runs and its contingencies are the claims ledger's (see
/// <c>FrequencyLab.Claims.RestartStudy</c>).
/// </summary>
public static class RestartPlan
{
    /// <summary>The prescribed restart: the report's run with lr 1e-4, 50 epochs and its early stopping.</summary>
    public static TrainingConfig Prescribed(int epochs = 50, int? maxRows = null) => TrainingConfig.Report with
    {
        Engine = FusedEngine.EngineName, LearningRate = 1e-4, Epochs = epochs, EarlyStopping = EarlyStoppingSettings.ReportPlan,
        CheckpointEvery = 0, Data = TrainingConfig.Report.Data with { MaxRows = maxRows },
    };
}
