using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>Per-row predictions of a trained model: the trainer's own frozen pass, keeping every ŷ.</summary>
public class FrozenPredictionsTests
{
    private static TrainingConfig Config(ResetPolicy reset) => TrainingConfig.Report with
    {
        Engine = FusedEngine.EngineName, Epochs = 2, HiddenSize = 8, Reset = reset, Data = new TrainingDataConfig { MaxRows = 1200 },
    };

    [Theory]
    [InlineData(ResetPolicy.PerEpoch)]
    [InlineData(ResetPolicy.PerBlock)]
    public void On_the_final_weights_they_give_exactly_the_last_epochs_frozen_mses(ResetPolicy reset)
    {
        var config = Config(reset);
        var data = TrainingData.Load(config.Data);
        var model = new StatefulTrainer(config, data).Train();
        var last = model.History.Epochs[^1];

        var test = FrozenPredictions.Compute(model, data.Test);
        var train = FrozenPredictions.Compute(model, data.Train);
        Assert.Equal(last.FrozenTest.Mse, test.Mse);
        Assert.Equal(last.FrozenTest.MsePerFrequency, test.MsePerFrequency);
        Assert.Equal(last.FrozenTrain.Mse, train.Mse);
        Assert.Equal(data.Test.Count, test.Predicted.Length);
        Assert.Equal(data.Test.Targets, test.Targets);
        // The per-row values are the ones the MSE is made of.
        double recomputed = test.Predicted.Select((p, i) => { float e = p - test.Targets[i]; return (double)(e * e); }).Sum() / test.Predicted.Length;
        Assert.Equal(test.Mse, recomputed, 12);
    }

    [Fact]
    public void The_initial_weights_predict_differently_from_the_trained_ones()
    {
        var config = Config(ResetPolicy.PerEpoch);
        var data = TrainingData.Load(config.Data);
        var model = new StatefulTrainer(config, data).Train();
        var initial = FrozenPredictions.Compute(config, ModelInitializer.PyTorchDefault(config.Shape, config.InitSeed), data.Test);
        var trained = FrozenPredictions.Compute(model, data.Test);
        Assert.NotEqual(initial.Predicted, trained.Predicted);
        Assert.Equal(data.Test.Targets.Where((_, i) => data.Test.FrequencyIndex[i] == 2).Select(v => (double)v), trained.TargetsFor(2));
    }

    [Fact]
    public void A_run_folders_last_checkpoint_predicts_like_the_model_in_memory()
    {
        using var tmp = new TempDir();
        var config = Config(ResetPolicy.PerEpoch);
        var data = TrainingData.Load(config.Data);
        var run = RunDirectory.CreateNew(tmp.File("run"), config);
        var model = new StatefulTrainer(config, data) { Output = run }.Train();
        var fromFile = FrozenPredictions.FromCheckpoint(run.LastCheckpointPath, data.Test);
        Assert.Equal(FrozenPredictions.Compute(model, data.Test).Predicted, fromFile.Predicted);
    }
}
