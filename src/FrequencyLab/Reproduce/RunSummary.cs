using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>One epoch's numbers as the page shows them (no timings: they differ from run to run).</summary>
public sealed record EpochNumbers(int Epoch, double TrainLoss, double FrozenTrainMse, double FrozenTestMse);

/// <summary>A training run of the study, as the page and results.json show it.</summary>
/// <param name="Folder">Relative to the study folder.</param>
/// <param name="Engine">The engine it trained on.</param>
/// <param name="LearningRate">Its learning rate.</param>
/// <param name="EpochBudget">The epochs it was configured for.</param>
/// <param name="Stop">Why it stopped: completed, earlyStopping, nonFinite…</param>
/// <param name="Epochs">Its epochs' numbers.</param>
/// <param name="SecondsPerEpoch">Mean wall seconds per epoch: shown on the page, left out of results.json.</param>
/// <param name="UntrainedFrozenTestMse">The frozen test MSE of the run's initial weights ("epoch 0"): what training has to beat.</param>
public sealed record RunSummary(string Folder, string Engine, double LearningRate, int EpochBudget, string Stop,
    IReadOnlyList<EpochNumbers> Epochs, [property: System.Text.Json.Serialization.JsonIgnore] double SecondsPerEpoch,
    double UntrainedFrozenTestMse)
{
    /// <summary>The run in <paramref name="folder"/>, or null when it has no history yet.</summary>
    public static RunSummary? Load(string folder, ReproduceLayout layout)
    {
        var path = Path.Combine(folder, "history.json");
        if (!File.Exists(path)) return null;
        var h = HistoryJson.Read(path);
        return new RunSummary(layout.Relative(folder), h.Environment.Engine, h.Config.LearningRate, h.Config.Epochs,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(h.Stop.ToString()),
            h.Epochs.Select(e => new EpochNumbers(e.Epoch, e.TrainLoss, e.FrozenTrain.Mse, e.FrozenTest.Mse)).ToList(),
            h.Epochs.Count == 0 ? double.NaN : h.Epochs.Average(e => e.Seconds),
            // The fused engine computes the same forward pass as TorchSharp to float rounding, in a fraction of the time.
            Claims.UntrainedEvaluation.FrozenMse(h.Config with { Engine = Engines.Fused.FusedEngine.EngineName }, TrainingData.Load(h.Config.Data).Test));
    }
}
