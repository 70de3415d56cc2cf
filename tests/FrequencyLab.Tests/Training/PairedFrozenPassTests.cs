using FrequencyLab.Diagnostics;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>The fused engine runs the two frozen passes after an epoch side by side (FusedEngineOptions.PairFrozenPasses);
/// every number of the history must be what the passes one after the other give.</summary>
public class PairedFrozenPassTests
{
    private static StatefulTrainer FusedTrainer(TrainingConfig c, TrainingData data, bool pair, RunDirectory? output = null) =>
        new(c, data, (cfg, w) => new FusedEngine(cfg.Shape, cfg.Optimizer, w, new FusedEngineOptions(PairFrozenPasses: pair)))
        {
            Output = output,
        };

    // 0.3 s of signal: 1,200 training rows, so the passes report progress (every 1,000 rows).
    private static TrainingConfig Config(int hidden, int epochs, ResetPolicy reset = ResetPolicy.PerEpoch) =>
        TrainerFixtures.Config(hidden: hidden, epochs: epochs) is var c
            ? c with { Engine = FusedEngine.EngineName, Reset = reset, Data = c.Data with { Spec = c.Data.Spec with { Duration = 0.3 } } }
            : throw new InvalidOperationException();

    private static TrainingData Data(TrainingConfig c, int testRows) =>
        new(TrainingData.Generate(c.Data.Spec, c.Data.TrainSeed, c.Data.Order),
            TrainingData.Generate(c.Data.Spec, c.Data.TestSeed, c.Data.Order, testRows));

    [Theory]
    [InlineData(ResetPolicy.PerEpoch, 1200, 16)]
    [InlineData(ResetPolicy.PerBlock, 250, 16)]   // fewer test rows: the train pass finishes alone
    [InlineData(ResetPolicy.Stateless, 1200, 13)]
    [InlineData(ResetPolicy.PerBlock, 1100, 64)]
    public void Paired_passes_give_the_history_of_passes_one_after_the_other(ResetPolicy reset, int testRows, int hidden)
    {
        var c = Config(hidden, 2, reset);
        var data = Data(c, testRows);
        var phases = new List<TrainingProgress>();
        var paired = FusedTrainer(c, data, pair: true).Run(new InlineProgress<TrainingProgress>(phases.Add));
        var oneByOne = FusedTrainer(c, data, pair: false).Run();
        Assert.Equal(Numbers(oneByOne), Numbers(paired));
        // Progress of the paired pass counts the rows of both and ends at their sum.
        var both = phases.Where(p => p.Phase == TrainingPhase.EvaluatingBoth).ToList();
        Assert.NotEmpty(both);
        Assert.All(both, p => Assert.Equal(1200 + testRows, p.Rows));
        Assert.Contains(both, p => p.Row == Math.Min(1000, testRows) + 1000);
        Assert.DoesNotContain(phases, p => p.Phase is TrainingPhase.EvaluatingTrain or TrainingPhase.EvaluatingTest);
    }

    [Fact]
    public void A_longer_test_set_finishes_alone_on_the_second_state()
    {
        // 1,200 training rows against 2,000 test rows (0.5 s): the second state runs 800 rows by itself.
        var c = Config(16, 2, ResetPolicy.PerBlock);
        var data = new TrainingData(TrainingData.Generate(c.Data.Spec, c.Data.TrainSeed, c.Data.Order),
            TrainingData.Generate(c.Data.Spec with { Duration = 0.5 }, c.Data.TestSeed, c.Data.Order));
        Assert.Equal(2000, data.Test.Count);
        Assert.Equal(Numbers(FusedTrainer(c, data, pair: false).Run()), Numbers(FusedTrainer(c, data, pair: true).Run()));
    }

    [Fact]
    public void Cancelled_during_the_paired_pass_resumes_to_the_uninterrupted_numbers()
    {
        var c = Config(16, 3);
        var data = Data(c, 1200);
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var cancelled = FusedTrainer(c, data, pair: true, RunDirectory.CreateNew(dir.Path, c)).Run(
            new InlineProgress<TrainingProgress>(p => { if (p.Epoch == 2 && p.Phase == TrainingPhase.EvaluatingBoth) cts.Cancel(); }), cts.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        Assert.Single(cancelled.Epochs);
        var run = RunDirectory.OpenExisting(dir.Path, c);
        var resumed = FusedTrainer(c, data, pair: true, run).Resume(CheckpointFile.Read(run.LastCheckpointPath));
        Assert.Equal(Numbers(FusedTrainer(c, data, pair: false).Run()), Numbers(resumed));
    }
}
