using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// Checkpoints and resume: an interrupted run (cancelled mid-epoch, mid-accumulation, during the frozen evaluation, or
/// crashed) continued with Resume gives exactly the numbers of the uninterrupted run — on the scalar test engine and on
/// the real TorchSharp engine.
/// </summary>
public class ResumeTests
{
    /// <summary>Exercises every piece of carried state: the LSTM state across epochs (Never), a schedule that cuts every
    /// epoch, early stopping counters, warm-up across the checkpoint, and Adam's moments.</summary>
    private static TrainingConfig Stateful(string engine, int epochs = 3) => Config(hidden: 16, epochs: epochs) with
    {
        Engine = engine,
        Reset = ResetPolicy.Never,
        WarmupEpochs = 2,
        Plateau = new PlateauSettings(Factor: 0.5, Patience: 0, Threshold: 0.99),
        EarlyStopping = new EarlyStoppingSettings(Patience: 10),
        CheckpointEvery = 2,
    };

    public static TheoryData<string> Engines => new() { "scalar-test", "torch" };

    private static TrainingHistory Straight(TrainingConfig c) => Trainer(c).Run();

    private static TrainingHistory ResumeFrom(TempDir dir, TrainingConfig c)
    {
        var run = RunDirectory.OpenExisting(dir.Path, c);
        var checkpoint = CheckpointFile.Read(run.LastCheckpointPath);
        var history = Trainer(c, run).Resume(checkpoint);
        // What is on disk after the resumed run is the same record.
        Assert.Equal(Numbers(history), Numbers(HistoryJson.Read(run.HistoryPath)));
        return history;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Cancelled_mid_epoch_then_resumed_equals_the_uninterrupted_run(string engine)
    {
        var c = Stateful(engine);
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var cancelled = Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 400 + 137, cts.Cancel)).Run(null, cts.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        Assert.Single(cancelled.Epochs);
        Assert.Contains("--resume", cancelled.StopMessage);
        // The cancel came before row 537; that row finishes, then the checkpoint is taken.
        var saved = CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors"));
        Assert.Equal(138, saved.Trainer.Row);
        Assert.Equal(StopReason.Cancelled, HistoryJson.Read(Path.Combine(dir.Path, "history.json")).Stop);

        Assert.Equal(Numbers(Straight(c)), Numbers(ResumeFrom(dir, c)));
    }

    [Fact]
    public void Cancelled_inside_an_accumulation_group_finishes_the_group_first()
    {
        var c = Stateful("scalar-test") with { AccumulationSteps = 3 };
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 400 + 100, cts.Cancel)).Run(null, cts.Token);
        var saved = CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors"));
        Assert.Equal(102, saved.Trainer.Row); // rows 99..101 form a group (0-based from the epoch start)
        Assert.Equal(Numbers(Straight(c)), Numbers(ResumeFrom(dir, c)));
    }

    [Fact]
    public void Cancelled_during_the_frozen_evaluation_resumes_at_the_evaluation()
    {
        var c = Stateful("scalar-test");
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        // Prediction 800 + 500 is in epoch 2's frozen pass over the test rows.
        var cancelled = Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 800 + 500, cts.Cancel, atPrediction: true)).Run(null, cts.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        var saved = CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors"));
        Assert.Equal((1, 400), (saved.Trainer.CompletedEpochs, saved.Trainer.Row));
        Assert.Equal(Numbers(Straight(c)), Numbers(ResumeFrom(dir, c)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_crash_leaves_the_last_epochs_files_and_resuming_them_equals_the_uninterrupted_run(string engine)
    {
        var c = Stateful(engine);
        using var dir = new TempDir();
        var crashing = Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 800 + 50, () => throw new IOException("disk gone")));
        Assert.Throws<IOException>(() => crashing.Run());
        var onDisk = HistoryJson.Read(Path.Combine(dir.Path, "history.json"));
        Assert.Equal((2, StopReason.Running), (onDisk.Epochs.Count, onDisk.Stop));
        Assert.True(File.Exists(Path.Combine(dir.Path, "checkpoints", "epoch-0002.safetensors")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "checkpoints", "best.safetensors")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(Numbers(Straight(c)), Numbers(ResumeFrom(dir, c)));
    }

    [Fact]
    public void A_finished_run_can_be_extended_and_equals_the_longer_run()
    {
        var two = Stateful("scalar-test", epochs: 2);
        var four = two with { Epochs = 4 };
        using var dir = new TempDir();
        Assert.Equal(StopReason.Completed, Trainer(two, RunDirectory.CreateNew(dir.Path, two)).Run().Stop);
        var extended = ResumeFrom(dir, four);
        Assert.Equal(4, extended.Epochs.Count);
        Assert.Equal(Numbers(Straight(four)), Numbers(extended));
    }

    [Fact]
    public void Resuming_with_another_config_is_refused_with_the_difference()
    {
        var c = Stateful("scalar-test", epochs: 1);
        using var dir = new TempDir();
        Trainer(c, RunDirectory.CreateNew(dir.Path, c)).Run();
        var e = Assert.Throws<FrequencyLabException>(() => RunDirectory.OpenExisting(dir.Path, c with { LearningRate = 5e-3 }));
        Assert.Contains("learningRate: 0.01 vs 0.005", e.Message);
        var checkpoint = CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors"));
        Assert.Throws<FrequencyLabException>(() => Trainer(c with { HiddenSize = 8 }).Resume(checkpoint));
    }

    [Fact]
    public void Fewer_epochs_than_the_checkpoint_reached_are_refused_before_anything_changes()
    {
        var c = Stateful("scalar-test");
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        // Cancelled in epoch 2 after 138 rows: one epoch done, the second under way.
        Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 400 + 137, cts.Cancel)).Run(null, cts.Token);
        var checkpoint = CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors"));
        var e = Assert.Throws<FrequencyLabException>(() => Trainer(c with { Epochs = 1 }).CheckResumable(checkpoint));
        Assert.Equal("cannot resume: the checkpoint is in epoch 2, so --epochs must be at least 2 (not 1)", e.Message);
        Assert.Throws<FrequencyLabException>(() => Trainer(c with { Epochs = 1 }).Resume(checkpoint));
        Trainer(c with { Epochs = 2 }).CheckResumable(checkpoint);

        // Through the CLI: one line, exit 1, and config.json keeps its epoch count.
        var config = File.ReadAllText(Path.Combine(dir.Path, "config.json"));
        var r = Freqlab.Run("train", "--resume", dir.Path, "--epochs", "1", "--engine", "fused");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--epochs must be at least 2 (not 1)", Assert.Single(r.ErrorLines));
        Assert.Equal(config, File.ReadAllText(Path.Combine(dir.Path, "config.json")));
    }
}
