using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using Xunit.Abstractions;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// Which checkpoints a run keeps and what they hold: best.safetensors is the epoch with the lowest monitored value
/// (not merely the latest file), epoch-NNNN.safetensors exist exactly every N epochs, and each holds the weights a run
/// stopped at that epoch ends with.
/// </summary>
public sealed class CheckpointPolicyTests(ITestOutputHelper output)
{
    // A learning rate high enough that the frozen test MSE does not fall every epoch, so the best epoch is not the last.
    private static TrainingConfig Noisy(int epochs) => Config(hidden: 8, epochs: epochs) with
    {
        Engine = "fused", LearningRate = 0.05, Monitor = MonitorMetric.TestMse, CheckpointEvery = 2,
    };

    private static float[] WeightsAfter(int epochs)
    {
        using var dir = new TempDir();
        var c = Noisy(epochs);
        Trainer(c, RunDirectory.CreateNew(dir.Path, c)).Run();
        return CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors")).Engine.Parameters;
    }

    [Fact]
    public void Best_holds_the_lowest_monitored_epoch_and_every_n_checkpoints_hold_their_epochs()
    {
        var c = Noisy(5);
        using var dir = new TempDir();
        var run = RunDirectory.CreateNew(dir.Path, c);
        var history = Trainer(c, run).Run();
        var monitored = history.Epochs.Select(e => e.FrozenTest.Mse).ToArray();
        output.WriteLine($"frozen test MSE per epoch: {string.Join(", ", monitored.Select(m => m.ToString("G6")))}");
        Assert.Equal(5, monitored.Length);
        int bestEpoch = Array.IndexOf(monitored, monitored.Min()) + 1;
        Assert.True(bestEpoch < 5, "the case does not exercise a best epoch before the last");

        var best = CheckpointFile.Read(run.BestCheckpointPath);
        Assert.Equal(bestEpoch, best.Trainer.CompletedEpochs);
        Assert.Equal(monitored.Min(), best.Trainer.BestMonitored);
        Assert.Equal(WeightsAfter(bestEpoch), best.Engine.Parameters);
        // One new-best event per strict improvement, the last one at the best epoch.
        var bestEvents = history.Epochs.SelectMany(e => e.Events).Where(e => e.Kind == TrainingEventKind.NewBest).ToArray();
        Assert.Equal(bestEpoch, bestEvents[^1].Epoch);
        Assert.Equal(monitored.Min(), bestEvents[^1].Values["monitored"]);

        var kept = Directory.GetFiles(run.CheckpointsPath).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "best.safetensors", "epoch-0002.safetensors", "epoch-0004.safetensors", "last.safetensors" }, kept);
        foreach (int epoch in new[] { 2, 4 })
        {
            var every = CheckpointFile.Read(run.EpochCheckpointPath(epoch));
            Assert.Equal(epoch, every.Trainer.CompletedEpochs);
            Assert.Equal(0, every.Trainer.Row);
            Assert.Equal(WeightsAfter(epoch), every.Engine.Parameters);
        }
        Assert.Equal(5, CheckpointFile.Read(run.LastCheckpointPath).Trainer.CompletedEpochs);
    }
}
