using FrequencyLab.Diagnostics;
using FrequencyLab.Engines;
using FrequencyLab.Grid;
using FrequencyLab.Signals;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>The one grid runner: each distinct run trained once into the store, shorter runs read as prefixes of longer
/// ones, batched runs equal to runs trained alone, cancellation and divergence contained to their run.</summary>
public class GridRunnerTests
{
    // 400 rows (0.1 s × 4 frequencies), fused engine, H = 8: a run is milliseconds.
    private static TrainingConfig Small(double lr = 1e-2, ulong seed = 0, int epochs = 4) => TrainingConfig.Report with
    {
        Engine = "fused", HiddenSize = 8, Epochs = epochs, LearningRate = lr, InitSeed = seed,
        Data = new TrainingDataConfig { Spec = TrainerFixtures.ShortSpec },
    };

    private static TrainingHistory Alone(TrainingConfig c) => new StatefulTrainer(c, TrainingData.Load(c.Data)).Run();

    [Fact]
    public void Batched_runs_equal_the_same_runs_trained_alone_whatever_the_workers()
    {
        GridRun[] runs =
        [
            new("a", Small(1e-2, 0)), new("b", Small(1e-3, 1)), new("c", Small(3e-3, 2) with { Window = 10 }),
            new("d", Small(1e-2, 3) with { HiddenSize = 16, Reset = ResetPolicy.PerBlock }), new("e", Small(1e-2, 4) with { AccumulationSteps = 7 }),
        ];
        foreach (int workers in new[] { 1, 2, 3 })
        {
            using var dir = new TempDir();
            var grid = new GridRunner { StoreFolder = dir.Path, Workers = workers }.Run(runs);
            Assert.True(grid.AllFinished);
            foreach (var r in grid.Runs)
            {
                Assert.Equal(TrainerFixtures.Numbers(Alone(r.Run.Config)), TrainerFixtures.Numbers(r.History!));
                // The checkpoint's weights too: the run's end, bit for bit.
                var alone = new StatefulTrainer(r.Run.Config, TrainingData.Load(r.Run.Config.Data)).Train().Final.Parameters;
                Assert.Equal(alone, CheckpointFile.Read(r.FinalCheckpoint!).Engine.Parameters);
            }
        }
    }

    [Fact]
    public void A_run_of_the_same_config_is_trained_once_and_shorter_runs_read_its_first_epochs()
    {
        using var dir = new TempDir();
        GridRun[] runs = [new("short", Small(epochs: 2)), new("long", Small(epochs: 5)), new("other", Small(seed: 9, epochs: 2))];
        var grid = new GridRunner { StoreFolder = dir.Path }.Run(runs);

        Assert.Equal(grid["short"].Folder, grid["long"].Folder);
        Assert.NotEqual(grid["short"].Folder, grid["other"].Folder);
        Assert.Equal(2, Directory.GetDirectories(dir.Path).Length);
        var full = Alone(Small(epochs: 5));
        Assert.Equal(TrainerFixtures.Numbers(full), TrainerFixtures.Numbers(grid["long"].History!));
        var prefix = grid["short"].History!;
        Assert.Equal(StopReason.Completed, prefix.Stop);
        Assert.Equal(2, prefix.Config.Epochs);
        Assert.Equal(TrainerFixtures.Numbers(Alone(Small(epochs: 2))), TrainerFixtures.Numbers(prefix));
        // The store kept the short run's end: its weights are the 2-epoch run's.
        Assert.EndsWith("epoch-0002.safetensors", grid["short"].FinalCheckpoint);
        Assert.Equal(new StatefulTrainer(Small(epochs: 2), TrainingData.Load(Small().Data)).Train().Final.Parameters,
            CheckpointFile.Read(grid["short"].FinalCheckpoint!).Engine.Parameters);

        // Again: everything is reused; a longer request extends the stored run instead of training another.
        var again = new GridRunner { StoreFolder = dir.Path }.Run([.. runs, new("longer", Small(epochs: 7))]);
        Assert.All(again.Runs.Take(3), r => Assert.True(r.Reused));
        Assert.False(again["longer"].Reused);
        Assert.Equal(grid["long"].Folder, again["longer"].Folder);
        Assert.Equal(TrainerFixtures.Numbers(Alone(Small(epochs: 7))), TrainerFixtures.Numbers(again["longer"].History!));
        Assert.Equal(2, Directory.GetDirectories(dir.Path).Length);
    }

    [Fact]
    public void A_stored_run_is_found_by_its_config_whatever_the_name_that_stored_it()
    {
        using var dir = new TempDir();
        new GridRunner { StoreFolder = dir.Path }.Run([new("sweep-lr-1e-2-seed-0", Small(epochs: 3))]);
        var ledger = new GridRunner { StoreFolder = dir.Path }.Run([new("restart-seed-0", Small(epochs: 3)), new("new-one", Small(seed: 4, epochs: 3))]);
        Assert.True(ledger["restart-seed-0"].Reused);
        Assert.Equal("sweep-lr-1e-2-seed-0", Path.GetFileName(ledger["restart-seed-0"].Folder));
        Assert.Equal("new-one", Path.GetFileName(ledger["new-one"].Folder));
    }

    [Fact]
    public void The_checkpoint_interval_changes_no_number_so_it_does_not_make_another_run()
    {
        using var dir = new TempDir();
        var first = new GridRunner { StoreFolder = dir.Path }.Run([new("every-2", Small(epochs: 4) with { CheckpointEvery = 2 })]);
        var again = new GridRunner { StoreFolder = dir.Path }.Run([new("never", Small(epochs: 6) with { CheckpointEvery = 0 })]);
        Assert.Equal(first["every-2"].Folder, again["never"].Folder);
        Assert.Single(Directory.GetDirectories(dir.Path));
        Assert.Equal(TrainerFixtures.Numbers(Alone(Small(epochs: 6) with { CheckpointEvery = 2 })), TrainerFixtures.Numbers(again["never"].History!));
    }

    [Fact]
    public void A_folder_holding_another_run_is_refused_before_any_training()
    {
        using var dir = new TempDir();
        new GridRunner { StoreFolder = dir.Path }.Run([new("a", Small(epochs: 1))]);
        // Someone edits a stored config: the folder no longer holds the run its key was read from.
        var config = Path.Combine(dir.Path, "a", RunDirectory.ConfigFile);
        File.WriteAllText(config, HistoryJson.Serialize(Small(lr: 0.5, epochs: 1)));
        var before = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        var grid = new GridRunner { StoreFolder = dir.Path }.Run([new("a", Small(epochs: 2))]);
        // The edited folder is another run now; ours goes to a folder of its own, and nothing stored changed.
        Assert.Equal("a-2", Path.GetFileName(grid["a"].Folder));
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));

        File.WriteAllText(config, "{\"not\": \"a config\"}");
        var e = Assert.ThrowsAny<FrequencyLabException>(() => new GridRunner { StoreFolder = dir.Path }.Run([new("a", Small(epochs: 2))]));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("config.json", e.Message);
    }

    [Fact]
    public void A_diverging_run_stops_alone_and_the_others_are_untouched()
    {
        using var dir = new TempDir();
        GridRun[] runs = [new("nan", Small(seed: 7)), new("ok", Small(seed: 8))];
        // The "nan" run's engine returns NaN from its 500th row on (a divergence, as the judge sees it).
        var grid = new GridRunner
        {
            StoreFolder = dir.Path, Workers = 2,
            CreateEngine = (c, w) =>
            {
                var engine = EngineFactory.Create(c.Engine, c.Shape, c.Optimizer, w);
                return c.InitSeed == 7 ? new NanAfterEngine(engine, 500) : engine;
            },
        }.Run(runs);
        Assert.Equal(SweepPointStatus.NonFinite, grid["nan"].Status);
        Assert.Equal(2, grid["nan"].History!.Epochs.Count);
        Assert.Equal(SweepPointStatus.Completed, grid["ok"].Status);
        Assert.Equal(TrainerFixtures.Numbers(Alone(Small(seed: 8))), TrainerFixtures.Numbers(grid["ok"].History!));
    }

    [Fact]
    public void A_cancelled_grid_checkpoints_every_running_run_and_continues_to_the_same_numbers()
    {
        using var dir = new TempDir();
        GridRun[] runs = [.. Enumerable.Range(0, 4).Select(i => new GridRun($"r{i}", Small(seed: (ulong)i, epochs: 6)))];
        using var cts = new CancellationTokenSource();
        var progress = new InlineProgress<GridProgress>(p => { if (p.RowsDone > 3_000) cts.Cancel(); });
        var first = new GridRunner { StoreFolder = dir.Path, Workers = 2 }.Run(runs, progress, cts.Token);
        Assert.False(first.AllFinished);
        Assert.Contains(first.Runs, r => r.Status == SweepPointStatus.Cancelled);

        var second = new GridRunner { StoreFolder = dir.Path, Workers = 2 }.Run(runs);
        Assert.True(second.AllFinished);
        foreach (var r in second.Runs)
            Assert.Equal(TrainerFixtures.Numbers(Alone(r.Run.Config)), TrainerFixtures.Numbers(r.History!));
    }

    [Fact]
    public void Names_must_be_folder_names_and_unique()
    {
        Assert.Throws<InvalidSpecException>(() => new GridRunner().Run([new("../x", Small())]));
        Assert.Throws<InvalidSpecException>(() => new GridRunner().Run([new("a", Small()), new("a", Small(seed: 1))]));
        Assert.Throws<InvalidSpecException>(() => new GridRunner().Run([new("a", Small() with { LearningRate = -1 })]));
    }

    private sealed class NanAfterEngine(ITrainingEngine inner, long row) : DelegatingEngine(inner)
    {
        private long _rows;
        public override float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1)
        {
            float loss = base.ForwardBackward(input, target, lossScale);
            return ++_rows >= row ? float.NaN : loss;
        }
    }
}
