using FrequencyLab.Data;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>The trainer's loop on a plain scalar engine: policies, metrics, schedules, determinism, resume.</summary>
public class StatefulTrainerTests
{
    [Theory]
    [InlineData(ResetPolicy.PerEpoch, new[] { 0, 400 })]
    [InlineData(ResetPolicy.PerBlock, new[] { 0, 100, 200, 300, 400, 500, 600, 700 })]
    [InlineData(ResetPolicy.Never, new[] { 0 })]
    public void Reset_policy_zeroes_the_training_state_where_it_says(ResetPolicy policy, int[] expected)
    {
        var created = new List<ScalarLstmEngine>();
        Trainer(Config(epochs: 2) with { Reset = policy }, created: created).Run();
        var engine = Assert.Single(created);
        Assert.Equal(expected, engine.TrainResets);
    }

    [Fact]
    public void Stateless_resets_before_every_row_and_per_block_with_interleaved_rows_too()
    {
        var created = new List<ScalarLstmEngine>();
        Trainer(Config(epochs: 1) with { Reset = ResetPolicy.Stateless }, created: created).Run();
        Trainer(Config(epochs: 1, order: RowOrder.Interleaved) with { Reset = ResetPolicy.PerBlock }, created: created).Run();
        // Stateless: once at the epoch start, then before each row (the first row's reset is that same start).
        Assert.Equal(Enumerable.Range(0, 400), created[0].TrainResets.Distinct());
        Assert.Equal(Enumerable.Range(0, 400), created[1].TrainResets);
        // Evaluation: one reset per row in both frozen passes (the first row's is the pass's start).
        Assert.Equal(800, created[0].EvalResets);
    }

    [Fact]
    public void Never_carries_the_state_across_epochs_and_so_changes_the_numbers()
    {
        var perEpoch = Trainer(Config(epochs: 2)).Run();
        var never = Trainer(Config(epochs: 2) with { Reset = ResetPolicy.Never }).Run();
        Assert.Equal(perEpoch.Epochs[0].TrainLoss, never.Epochs[0].TrainLoss);
        Assert.NotEqual(perEpoch.Epochs[1].TrainLoss, never.Epochs[1].TrainLoss);
    }

    [Fact]
    public void Same_data_seeds_and_config_give_an_identical_history()
    {
        var config = Config() with { Plateau = new PlateauSettings(Patience: 0, Threshold: 0.5), EarlyStopping = new EarlyStoppingSettings(Patience: 5) };
        var a = Trainer(config).Run();
        var b = Trainer(config).Run();
        Assert.Equal(Numbers(a), Numbers(b));
        var other = Trainer(config with { InitSeed = 1 }).Run();
        Assert.NotEqual(a.Epochs[0].TrainLoss, other.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Epoch_record_holds_consistent_metrics()
    {
        var h = Trainer(Config(epochs: 2)).Run();
        Assert.Equal(StopReason.Completed, h.Stop);
        foreach (var e in h.Epochs)
        {
            Assert.Equal(400, e.Rows);
            // Equal rows per frequency: the overall means are the means of the per-frequency means.
            Assert.Equal(e.TrainLoss, e.TrainLossPerFrequency.Average(), 6);
            Assert.Equal(e.FrozenTrain.Mse, e.FrozenTrain.MsePerFrequency.Average(), 6);
            Assert.Equal(e.FrozenTest.Mse, e.FrozenTest.MsePerFrequency.Average(), 6);
            Assert.Equal(4, e.FrozenTest.MsePerFrequency.Length);
            Assert.Equal(400, e.GradientNorm.Steps);
            Assert.InRange(e.GradientNorm.FractionClipped, 0, 1);
            Assert.True(e.GradientNorm.Max >= e.GradientNorm.Mean);
            Assert.Equal(1e-2, e.LearningRate);
        }
        // Training and frozen evaluation over the same rows differ: one moves the weights while it goes.
        Assert.NotEqual(h.Epochs[0].TrainLoss, h.Epochs[0].FrozenTrain.Mse);
    }

    [Fact]
    public void Accumulation_steps_every_k_rows_and_flushes_the_remainder()
    {
        var created = new List<ScalarLstmEngine>();
        var h = Trainer(Config(epochs: 1) with { AccumulationSteps = 3 }, created: created).Run();
        Assert.Equal(134, h.Epochs[0].GradientNorm.Steps); // ⌈400/3⌉
        Assert.Equal(134, created[0].StepLearningRates.Count);
    }

    [Fact]
    public void Warmup_scales_the_learning_rate_linearly_over_the_first_epochs()
    {
        var created = new List<ScalarLstmEngine>();
        Trainer(Config(epochs: 3) with { WarmupEpochs = 2, WarmupStartFactor = 0.5 }, created: created).Run();
        var lrs = created[0].StepLearningRates;
        Assert.Equal(1200, lrs.Count);
        Assert.Equal(0.5e-2f, lrs[0]);
        Assert.Equal((float)(1e-2 * (0.5 + 0.5 * 400 / 800.0)), lrs[400]);
        Assert.All(lrs.Skip(800), lr => Assert.Equal(1e-2f, lr));
        Assert.True(lrs.Take(800).Zip(lrs.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void Optimizer_reset_each_epoch_is_applied_at_every_epoch_start()
    {
        var created = new List<ScalarLstmEngine>();
        var reset = Trainer(Config(epochs: 3) with { ResetOptimizerEachEpoch = true }, created: created).Run();
        Assert.Equal(3, created[0].OptimizerResets);
        var kept = Trainer(Config(epochs: 3)).Run();
        Assert.Equal(kept.Epochs[0].TrainLoss, reset.Epochs[0].TrainLoss);
        Assert.NotEqual(kept.Epochs[1].TrainLoss, reset.Epochs[1].TrainLoss);
    }

    [Fact]
    public void Plateau_reduces_the_learning_rate_and_records_the_event()
    {
        // A relative threshold of 0.99 makes every epoch after the first "not better": patience 0 cuts at each of them.
        var h = Trainer(Config(epochs: 3) with { Plateau = new PlateauSettings(Factor: 0.5, Patience: 0, Threshold: 0.99) }).Run();
        Assert.Equal([1e-2, 1e-2, 0.5e-2], h.Epochs.Select(e => e.LearningRate));
        var cut = Assert.Single(h.Epochs[1].Events, e => e.Kind == TrainingEventKind.LearningRateReduced);
        Assert.Equal(0.5e-2, cut.Values["to"]);
        Assert.Single(h.Epochs[2].Events, e => e.Kind == TrainingEventKind.LearningRateReduced);
    }

    [Fact]
    public void Early_stopping_on_the_test_mse_stops_the_run_with_the_reason()
    {
        var h = Trainer(Config(epochs: 5) with { Monitor = MonitorMetric.TestMse, EarlyStopping = new EarlyStoppingSettings(Patience: 1, MinDelta: 10) }).Run();
        Assert.Equal(StopReason.EarlyStopping, h.Stop);
        Assert.Equal(2, h.Epochs.Count);
        Assert.Contains("test MSE", h.StopMessage);
        Assert.Single(h.Epochs[1].Events, e => e.Kind == TrainingEventKind.EarlyStop);
    }

    [Fact]
    public void Non_finite_loss_stops_the_run_with_a_clear_message()
    {
        var nan = new NanEngineAfter(550);
        var h = Trainer(Config(epochs: 4), wrap: e => { nan.Inner = e; return nan; }).Run();
        Assert.Equal(StopReason.NonFinite, h.Stop);
        Assert.Equal(2, h.Epochs.Count);
        Assert.Contains("row 150", h.StopMessage);
        Assert.Single(h.Epochs[1].Events, e => e.Kind == TrainingEventKind.NonFinite);
    }

    [Fact]
    public void Max_rows_uses_only_the_first_rows()
    {
        var h = Trainer(Config(epochs: 1, maxRows: 50)).Run();
        Assert.Equal(50, h.Epochs[0].Rows);
        Assert.Equal(50, h.TrainData.Rows);
        Assert.Equal(50, h.TestData.Rows);
        Assert.Equal([1, 2], new[] { h.TrainData.Seed, h.TestData.Seed }.Select(s => (int)s!.Value));
    }

    [Fact]
    public void Progress_arrives_every_thousand_rows_and_at_each_epoch_end()
    {
        var c = Config(hidden: 4, epochs: 2) with { Data = new TrainingDataConfig { Spec = ShortSpec with { Duration = 0.3 } } }; // 1,200 rows
        var reports = new List<TrainingProgress>();
        var h = new StatefulTrainer(c, TrainerFixtures.Data(c), (cfg, w) => new ScalarLstmEngine(cfg.Shape, cfg.Optimizer, w))
            .Run(new Collect(reports));
        Assert.Equal(
            [(1, TrainingPhase.Training, 1000L), (1, TrainingPhase.EvaluatingTrain, 1000L), (1, TrainingPhase.EvaluatingTest, 1000L), (1, TrainingPhase.EpochCompleted, 1200L),
             (2, TrainingPhase.Training, 1000L), (2, TrainingPhase.EvaluatingTrain, 1000L), (2, TrainingPhase.EvaluatingTest, 1000L), (2, TrainingPhase.EpochCompleted, 1200L)],
            reports.Select(r => (r.Epoch, r.Phase, r.Row)));
        Assert.Same(h.Epochs[1], reports[^1].CompletedEpoch);
        Assert.True(reports[0].RunningLoss > 0 && reports[0].RowsPerSecond > 0);
    }

    private sealed class Collect(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }

    /// <summary>Returns NaN for every loss from the n-th training row on (an engine that has blown up).</summary>
    private sealed class NanEngineAfter(long row) : FrequencyLab.Engines.ITrainingEngine
    {
        private long _rows;
        public FrequencyLab.Engines.ITrainingEngine Inner { get; set; } = null!;
        public string Name => Inner.Name;
        public FrequencyLab.Model.ModelShape Shape => Inner.Shape;
        public FrequencyLab.Engines.OptimizerSettings Optimizer => Inner.Optimizer;
        public float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1)
        {
            float loss = Inner.ForwardBackward(input, target, lossScale);
            return _rows++ >= row ? float.NaN : loss;
        }
        public float OptimizerStep(float learningRate, float maxGradNorm) => Inner.OptimizerStep(learningRate, maxGradNorm);
        public void ResetTrainState() => Inner.ResetTrainState();
        public void ResetOptimizerState() => Inner.ResetOptimizerState();
        public void ResetEvalState() => Inner.ResetEvalState();
        public float Predict(ReadOnlySpan<float> input) => Inner.Predict(input);
        public void GetParameters(Span<float> destination) => Inner.GetParameters(destination);
        public FrequencyLab.Engines.EngineSnapshot Snapshot() => Inner.Snapshot();
        public void Restore(FrequencyLab.Engines.EngineSnapshot snapshot) => Inner.Restore(snapshot);
        public void Dispose() => Inner.Dispose();
    }
}
