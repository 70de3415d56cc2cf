using System.Collections.Concurrent;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Sweep;

/// <summary>A 2 lr × 2 seed grid of 400-row, 2-epoch runs on the fused engine, on two workers, into real folders.</summary>
public class SweepRunnerTests
{
    private static SweepGrid Grid(int epochs = 2) => new()
    {
        Base = Config(hidden: 16, epochs: epochs) with { Engine = "fused" },
        LearningRates = [1e-2, 3e-3],
        InitSeeds = [0, 1],
    };

    /// <summary>The history's numbers (wall-clock fields zeroed), with the environment taken from <paramref name="like"/>:
    /// assembly versions are captured from what happens to be loaded at the time.</summary>
    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public void Each_point_equals_running_it_alone_with_the_trainer()
    {
        using var dir = new TempDir();
        var reports = new ConcurrentQueue<SweepProgress>();
        var results = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 2 }.Run(new Sync<SweepProgress>(reports.Enqueue));
        Assert.Equal(4, results.Points.Count);
        Assert.True(results.AllFinished);
        foreach (var r in results.Points)
        {
            var alone = new StatefulTrainer(r.Point.Config, TrainingData.Load(r.Point.Config.Data)).Run();
            Assert.Equal("fused", r.History!.Environment.Engine);
            Assert.Equal(Numbers(alone), Numbers(r.History));
            Assert.Equal(Numbers(alone), Numbers(HistoryJson.Read(Path.Combine(r.Folder!, "history.json"))));
            Assert.True(File.Exists(Path.Combine(r.Folder!, "checkpoints", "last.safetensors")));
        }
        var last = reports.Last();
        Assert.Equal((4, 4, 0), (last.PointsDone, last.PointsTotal, last.PointsRunning));
        Assert.Equal(4L * 2 * (2 * 400 + 400), last.RowsTotal);
        Assert.Equal(last.RowsTotal, last.RowsDone);
        Assert.True(last.RowsPerSecond > 0);
        Assert.Equal(4, reports.Count(p => p.Finished is not null));
    }

    [Fact]
    public void Points_have_stable_names_and_a_grid_expands_in_a_fixed_order()
    {
        var grid = Grid() with { Resets = [ResetPolicy.PerEpoch, ResetPolicy.Never], Orders = [RowOrder.Blocks, RowOrder.Interleaved] };
        var points = grid.Points();
        Assert.Equal(16, points.Count);
        Assert.Equal("lr=1e-2_seed=0_reset=per-epoch_order=blocks", points[0].Name);
        Assert.Equal("lr=3e-3_seed=1_reset=never_order=interleaved", points[^1].Name);
        Assert.Equal(16, points.Select(p => p.Name).Distinct().Count());
        var p = points[^1];
        Assert.Equal((3e-3, 1UL, ResetPolicy.Never, RowOrder.Interleaved), (p.Config.LearningRate, p.Config.InitSeed, p.Config.Reset, p.Config.Data.Order));
        Assert.Equal("lr=1e-3_seed=0_reset=per-epoch_order=blocks", SweepGrid.FolderName(1e-3, 0, ResetPolicy.PerEpoch, RowOrder.Blocks));
        Assert.Equal("2.5e-4", SweepGrid.FormatRate(2.5e-4));
        Assert.Equal("1e0", SweepGrid.FormatRate(1));
        Assert.Equal("1.234567e-5", SweepGrid.FormatRate(1.234567e-5));
    }

    [Fact]
    public void Sweep_json_indexes_every_point_with_its_status_folder_and_final_metrics()
    {
        using var dir = new TempDir();
        var results = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        var index = SweepIndex.Read(dir.File("sweep/sweep.json"));
        Assert.Equal(SweepIndex.CurrentSchemaVersion, index.SchemaVersion);
        Assert.Equal(Grid().Points().Select(p => p.Name), index.Grid.Points().Select(p => p.Name));
        Assert.Equal(HistoryJson.Serialize(Grid().Base), HistoryJson.Serialize(index.Grid.Base));
        Assert.Equal(4, index.Points.Count);
        foreach (var (entry, r) in index.Points.Zip(results.Points))
        {
            var last = r.History!.Epochs[^1];
            Assert.Equal(r.Point.Name, entry.Name);
            Assert.True(Directory.Exists(Path.Combine(dir.File("sweep"), entry.Folder)));
            Assert.Equal(SweepPointStatus.Completed, entry.Status);
            Assert.Equal(2, entry.EpochsCompleted);
            Assert.Equal((r.Point.LearningRate, r.Point.InitSeed), (entry.LearningRate, entry.InitSeed));
            Assert.Equal(last.TrainLoss, entry.FinalTrainLoss);
            Assert.Equal(last.FrozenTrain.Mse, entry.FinalFrozenTrainMse);
            Assert.Equal(last.FrozenTest.Mse, entry.FinalFrozenTestMse);
            Assert.Equal(r.History.Epochs.Min(e => e.FrozenTest.Mse), entry.BestFrozenTestMse);
        }
        // The raw file uses the history conventions: camelCase names, enum names as strings.
        var text = File.ReadAllText(dir.File("sweep/sweep.json"));
        Assert.Contains("\"status\": \"completed\"", text);
        Assert.Contains("\"learningRates\": [", text);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_rerun_skips_finished_points_and_runs_only_the_missing_one()
    {
        using var dir = new TempDir();
        var first = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        var removed = first.Points[2];
        Directory.Delete(removed.Folder!, recursive: true);

        var built = new ConcurrentBag<(double Lr, ulong Seed)>();
        var second = new SweepRunner(Grid())
        {
            OutputPath = dir.File("sweep"), Workers = 2,
            CreateEngine = (c, w) => { built.Add((c.LearningRate, c.InitSeed)); return EngineFactory.Create(c.Engine, c.Shape, c.Optimizer, w); },
        }.Run();
        Assert.Equal([(removed.Point.LearningRate, removed.Point.InitSeed)], built.ToArray());
        Assert.Equal([true, true, false, true], second.Points.Select(p => p.Skipped));
        foreach (var (a, b) in first.Points.Zip(second.Points)) Assert.Equal(Numbers(a.History!), Numbers(b.History!));
        Assert.All(SweepIndex.Read(dir.File("sweep/sweep.json")).Points, e => Assert.Equal(SweepPointStatus.Completed, e.Status));
    }

    [Fact]
    public void Cancelled_points_checkpoint_and_the_next_run_finishes_them_with_the_same_numbers()
    {
        using var dir = new TempDir();
        var straight = new SweepRunner(Grid()).Run();
        using var cts = new CancellationTokenSource();
        var cancelled = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 1 }
            .Run(new Sync<SweepProgress>(p => { if (p.RowsDone >= 1200) cts.Cancel(); }), cts.Token); // at the first epoch's end
        Assert.False(cancelled.AllFinished);
        // The points are batched: all four were on their way through the rows, and each checkpointed where it stood.
        Assert.All(cancelled.Points, p => Assert.Equal(SweepPointStatus.Cancelled, p.Status));
        Assert.All(SweepIndex.Read(dir.File("sweep/sweep.json")).Points, e => Assert.Equal(SweepPointStatus.Cancelled, e.Status));
        Assert.All(cancelled.Points, p => Assert.True(File.Exists(Path.Combine(p.Folder!, "checkpoints", "last.safetensors"))));

        var resumed = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        Assert.True(resumed.AllFinished);
        foreach (var (a, b) in straight.Points.Zip(resumed.Points)) Assert.Equal(Numbers(a.History!), Numbers(b.History!));
    }

    [Fact]
    public void Results_come_back_as_records_and_a_data_frame()
    {
        var results = new SweepRunner(Grid() with { Orders = [RowOrder.Interleaved] }) { Workers = 2 }.Run();
        var records = results.Records().ToList();
        Assert.Equal(8, records.Count);
        var frame = results.ToDataFrame();
        Assert.Equal(8, frame.Rows.Count);
        foreach (var name in new[] { "point", "lr", "seed", "reset", "order", "engine", "epoch", "train_loss", "frozen_train_mse", "frozen_test_mse",
                     "train_loss_1hz", "test_mse_1hz", "test_mse_7hz", "epoch_lr", "grad_norm_mean", "seconds" })
            Assert.Contains(name, frame.Columns.Select(c => c.Name));
        for (int i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].FrozenTestMse, (double)frame["frozen_test_mse"][i]);
            Assert.Equal(records[i].FrozenTestMsePerFrequency[3], (double)frame["test_mse_7hz"][i]);
            Assert.Equal("interleaved", (string)frame["order"][i]);
            Assert.Equal("per-epoch", (string)frame["reset"][i]);
        }
        Assert.Equal([1, 2, 1, 2, 1, 2, 1, 2], records.Select(r => r.Epoch));
    }

    [Fact]
    public void A_finished_sweep_folder_loads_back()
    {
        using var dir = new TempDir();
        var ran = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        var loaded = SweepResults.Load(dir.File("sweep"));
        Assert.Equal(ran.Records().Select(r => r.FrozenTestMse), loaded.Records().Select(r => r.FrozenTestMse));
        Assert.True(loaded.AllFinished);
    }

    [Theory]
    [InlineData("lrs", "invalid sweep grid: no learning rates")]
    [InlineData("seeds", "invalid sweep grid: no init seeds")]
    [InlineData("zero", "invalid sweep grid: learning rate 0 must be a positive number")]
    [InlineData("negative", "invalid sweep grid: learning rate -0.001 must be a positive number")]
    [InlineData("twice", "invalid sweep grid: learning rate 1e-2 is given twice")]
    public void A_bad_grid_is_one_line(string what, string expected)
    {
        var grid = what switch
        {
            "lrs" => Grid() with { LearningRates = [] },
            "seeds" => Grid() with { InitSeeds = [] },
            "zero" => Grid() with { LearningRates = [1e-3, 0] },
            "negative" => Grid() with { LearningRates = [-1e-3] },
            _ => Grid() with { LearningRates = [1e-2, 0.01] },
        };
        var e = Assert.Throws<InvalidSpecException>(() => new SweepRunner(grid));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void A_folder_holding_another_run_stops_the_sweep_before_training()
    {
        using var dir = new TempDir();
        new SweepRunner(Grid(epochs: 1)) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        var before = File.ReadAllText(dir.File("sweep/sweep.json"));
        var other = Grid(epochs: 1) with { Base = Grid().Base with { Epochs = 1, HiddenSize = 8 } };
        var e = Assert.Throws<FrequencyLabException>(() => new SweepRunner(other) { OutputPath = dir.File("sweep") }.Run());
        Assert.Contains("holds a sweep of other settings (hiddenSize: 16 vs 8)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(before, File.ReadAllText(dir.File("sweep/sweep.json")));

        Directory.CreateDirectory(dir.File("busy"));
        File.WriteAllText(dir.File("busy/notes.txt"), "mine");
        var busy = Assert.Throws<FrequencyLabException>(() => new SweepRunner(Grid()) { OutputPath = dir.File("busy") }.Run());
        Assert.Contains("is not empty and holds no sweep (no sweep.json)", busy.Message);
        Assert.Single(Directory.GetFileSystemEntries(dir.File("busy")));
    }

    [Fact]
    public void A_grid_that_drops_indexed_points_is_refused_and_a_larger_grid_keeps_them()
    {
        using var dir = new TempDir();
        var sweep = dir.File("sweep");
        new SweepRunner(Grid(epochs: 1)) { OutputPath = sweep, Workers = 2 }.Run();
        var before = File.ReadAllText(Path.Combine(sweep, SweepIndex.FileName));

        // A smaller or disjoint grid would rewrite sweep.json without the finished points whose folders stay there.
        foreach (var rates in new[] { new[] { 1e-2 }, new[] { 1e-4 } })
        {
            var e = Assert.Throws<FrequencyLabException>(() =>
                new SweepRunner(Grid(epochs: 1) with { LearningRates = rates }) { OutputPath = sweep }.Run());
            Assert.Contains(rates[0] == 1e-2 ? "point lr=3e-3_seed=0_reset=per-epoch_order=blocks, which this grid leaves out" : "point lr=1e-2_seed=0", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Equal(before, File.ReadAllText(Path.Combine(sweep, SweepIndex.FileName)));
            Assert.False(Directory.Exists(Path.Combine(sweep, "lr=1e-4_seed=0_reset=per-epoch_order=blocks")));
        }

        var larger = new SweepRunner(Grid(epochs: 1) with { LearningRates = [1e-2, 3e-3, 1e-4] }) { OutputPath = sweep, Workers = 2 }.Run();
        Assert.Equal(6, larger.Points.Count);
        Assert.Equal(4, larger.Points.Count(p => p.Skipped));
        Assert.Equal(6, SweepIndex.Read(Path.Combine(sweep, SweepIndex.FileName)).Points.Count);
        Assert.Equal(6, SweepResults.Load(sweep).Points.Count);
    }

    [Fact]
    public void A_larger_epoch_count_extends_the_finished_points()
    {
        using var dir = new TempDir();
        new SweepRunner(Grid(epochs: 1)) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        var extended = new SweepRunner(Grid(epochs: 2)) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        var straight = new SweepRunner(Grid(epochs: 2)).Run();
        foreach (var (a, b) in straight.Points.Zip(extended.Points)) Assert.Equal(Numbers(a.History!), Numbers(b.History!));
    }

    [Fact]
    public void A_failing_point_is_recorded_with_its_line_and_the_others_still_run()
    {
        using var dir = new TempDir();
        var results = new SweepRunner(Grid())
        {
            OutputPath = dir.File("sweep"), Workers = 2,
            CreateEngine = (c, w) => c.LearningRate == 3e-3 && c.InitSeed == 1
                ? throw new FrequencyLabException("engine refused this point")
                : EngineFactory.Create(c.Engine, c.Shape, c.Optimizer, w),
        }.Run();
        Assert.Equal([SweepPointStatus.Completed, SweepPointStatus.Completed, SweepPointStatus.Completed, SweepPointStatus.Failed],
            results.Points.Select(p => p.Status));
        Assert.Equal("engine refused this point", results.Points[3].Message);
        Assert.False(results.AllFinished);
        var entry = SweepIndex.Read(dir.File("sweep/sweep.json")).Points[3];
        Assert.Equal((SweepPointStatus.Failed, "engine refused this point"), (entry.Status, entry.Message));

        // The next run retries only the failed point.
        var retried = new SweepRunner(Grid()) { OutputPath = dir.File("sweep"), Workers = 2 }.Run();
        Assert.True(retried.AllFinished);
        Assert.Equal([true, true, true, false], retried.Points.Select(p => p.Skipped));
    }
}
