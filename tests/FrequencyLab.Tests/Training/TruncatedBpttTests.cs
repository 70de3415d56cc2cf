using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// Truncated BPTT (<c>--window L</c>): how windows are cut, the torch engine's window step against its own L = 1 step, the
/// whole windowed trainer on torch and on fused against the same loop in PyTorch 1.13 and against each other, resume inside a
/// windowed epoch on both engines, and the bad inputs.
/// </summary>
public class TruncatedBpttTests
{
    [Fact]
    public void Windows_are_L_rows_cut_at_the_epoch_end_and_under_per_block_at_each_change_of_frequency()
    {
        int[] freq = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2];
        Assert.Equal(4, StatefulTrainer.WindowEnd(0, freq.Length, 4, ResetPolicy.PerEpoch, freq));
        Assert.Equal(8, StatefulTrainer.WindowEnd(4, freq.Length, 4, ResetPolicy.PerEpoch, freq)); // crosses a block: one window
        Assert.Equal(5, StatefulTrainer.WindowEnd(4, freq.Length, 4, ResetPolicy.PerBlock, freq)); // cut where the state resets
        Assert.Equal(13, StatefulTrainer.WindowEnd(12, freq.Length, 4, ResetPolicy.Never, freq));  // the epoch's last row
        Assert.Equal(4, StatefulTrainer.WindowCount(freq.Length, 4, ResetPolicy.PerEpoch, freq));  // 4+4+4+1
        Assert.Equal(5, StatefulTrainer.WindowCount(freq.Length, 4, ResetPolicy.PerBlock, freq));  // 4+1 | 3 | 4+1
        Assert.Equal(freq.Length, StatefulTrainer.WindowCount(freq.Length, 1, ResetPolicy.PerBlock, freq));
    }

    [Fact]
    public void A_one_row_window_on_torch_is_the_L1_step_and_a_longer_window_carries_gradient_through_the_state()
    {
        var shape = new ModelShape(5, 8);
        var w = ModelInitializer.PyTorchDefault(shape, 4);
        var rows = TrainingData.Generate(TrainerFixtures.ShortSpec, 1, RowOrder.Blocks, 40);
        using var single = new TorchEngine(shape, OptimizerSettings.Report, w);
        using var windowed = new TorchEngine(shape, OptimizerSettings.Report, w);
        var losses = new float[3];
        for (int r = 0; r < 3; r++)
        {
            float a = single.ForwardBackward(rows.Input(r), rows.Targets[r]);
            windowed.ForwardBackwardWindow(rows.Input(r), rows.Targets.AsSpan(r, 1), losses);
            Assert.Equal(a, losses[0]);
        }
        var (g1, g2) = (new float[shape.ParameterCount], new float[shape.ParameterCount]);
        single.GetGradients(g1);
        windowed.GetGradients(g2);
        for (int j = 0; j < g1.Length; j++) Assert.Equal(g1[j], g2[j], 6);
        Assert.Equal(single.Snapshot().TrainHidden, windowed.Snapshot().TrainHidden);

        // Three rows as one window: the same losses (the forward is the same), but the mean's gradient now also flows
        // through h and c into earlier steps, so it is not the mean of the three detached gradients.
        using var three = new TorchEngine(shape, OptimizerSettings.Report, w);
        three.ForwardBackwardWindow(rows.Inputs.AsSpan(0, 3 * 5), rows.Targets.AsSpan(0, 3), losses);
        var g3 = new float[shape.ParameterCount];
        three.GetGradients(g3);
        double maxDiff = 0;
        for (int j = 0; j < g1.Length; j++) maxDiff = Math.Max(maxDiff, Math.Abs(g3[j] - g1[j] / 3));
        Assert.True(maxDiff > 1e-5, $"window gradient equals the detached one (max diff {maxDiff})");
        Assert.Equal(single.Snapshot().TrainHidden, three.Snapshot().TrainHidden);
    }

    private sealed record RefEpoch(double Train_loss, double Frozen_train, double Frozen_test, double Grad_norm_mean);
    private sealed record RefRun(string Torch, RefEpoch[] Epochs);

    [Theory]
    [InlineData("torch", "per-epoch", 10)]
    [InlineData("torch", "per-block", 7)]
    [InlineData("torch", "never", 32)]
    [InlineData("fused", "per-epoch", 10)]
    [InlineData("fused", "per-block", 7)]
    [InlineData("fused", "never", 32)]
    public void Windowed_trainer_matches_the_pytorch_loop(string engine, string reset, int window)
    {
        var spec = SignalSpec.Default with { Duration = 0.06 }; // 240 rows
        using var dir = new TempDir();
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks), dir.File("train.npy"));
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks), dir.File("test.npy"));
        var policy = reset switch { "per-block" => ResetPolicy.PerBlock, "never" => ResetPolicy.Never, _ => ResetPolicy.PerEpoch };
        var config = TrainingConfig.Report with
        {
            HiddenSize = 8, Epochs = 3, LearningRate = 1e-2, InitSeed = 3, Reset = policy, Window = window, Engine = engine,
            Data = new TrainingDataConfig { Spec = spec, TrainFile = dir.File("train.npy"), TestFile = dir.File("test.npy") },
        };
        var ours = new StatefulTrainer(config, TrainingData.Load(config.Data)).Run();
        Assert.Equal(engine, ours.Config.Engine);

        var json = JsonSerializer.Serialize(new { hidden = 8, init_seed = 3, lr = 1e-2, epochs = 3, reset, accumulate = 1, clip = 1.0, optimizer = "adam", momentum = 0.9, window });
        var output = Python.Run(RepoPaths.Combine("scripts", "trainer_reference.py"), dir.File("train.npy"), dir.File("test.npy"), json);
        var reference = JsonSerializer.Deserialize<RefRun>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.StartsWith("1.13", reference.Torch);
        Assert.Equal(window, ours.Config.Window);
        for (int e = 0; e < 3; e++)
        {
            var (a, b) = (ours.Epochs[e], reference.Epochs[e]);
            void Close(string what, double mine, double theirs) =>
                NumericAssert.Within(theirs, mine, TrainerPyTorchParityTests.Figures, $"epoch {e + 1} {what} (PyTorch vs ours)");
            Close("train loss", a.TrainLoss, b.Train_loss);
            Close("frozen train MSE", a.FrozenTrain.Mse, b.Frozen_train);
            Close("frozen test MSE", a.FrozenTest.Mse, b.Frozen_test);
            Close("grad norm mean", a.GradientNorm.Mean, b.Grad_norm_mean);
        }
        // One gradient norm per window, not per row.
        Assert.Equal(StatefulTrainer.WindowCount(240, window, policy, TrainingData.Load(config.Data).Train.FrequencyIndex), ours.Epochs[0].GradientNorm.Steps);
    }

    [Theory]
    [InlineData("torch")]
    [InlineData("fused")]
    public void Cancelled_inside_a_windowed_epoch_then_resumed_equals_the_uninterrupted_run(string engine)
    {
        var c = Config(hidden: 8, epochs: 2) with { Engine = engine, Window = 25, Reset = ResetPolicy.Never, WarmupEpochs = 1 };
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var cancelled = Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new WindowTripwire((IWindowedTrainingEngine)e, 16 + 5, cts.Cancel)).Run(null, cts.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        var saved = CheckpointFile.Read(Path.Combine(dir.Path, "checkpoints", "last.safetensors"));
        Assert.Equal(6 * 25, saved.Trainer.Row); // window 21 (0-based) is epoch 2's sixth; it finishes, then the checkpoint
        var run = RunDirectory.OpenExisting(dir.Path, c);
        var resumed = Trainer(c, run).Resume(CheckpointFile.Read(run.LastCheckpointPath));
        Assert.Equal(Numbers(Trainer(c).Run()), Numbers(resumed));
    }

    [Theory]
    [InlineData("torch", "fused")]
    [InlineData("fused", "torch")]
    public void Cancelled_inside_a_windowed_epoch_on_one_engine_resumes_on_the_other(string from, string to)
    {
        // Checkpoints are engine-neutral: a run stopped after a window in the middle of epoch 2 continues on the other engine
        // to the numbers of an uninterrupted run, up to the float rounding by which the engines differ.
        var c = Config(hidden: 8, epochs: 2) with { Engine = from, Window = 25, Reset = ResetPolicy.Never };
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var cancelled = Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new WindowTripwire((IWindowedTrainingEngine)e, 16 + 5, cts.Cancel)).Run(null, cts.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        var switched = c with { Engine = to };
        var run = RunDirectory.OpenExisting(dir.Path, switched);
        var resumed = Trainer(switched, run).Resume(CheckpointFile.Read(run.LastCheckpointPath));
        var straight = Trainer(c).Run();
        Assert.Equal(StopReason.Completed, resumed.Stop);
        for (int e = 0; e < 2; e++)
        {
            var (a, b) = (resumed.Epochs[e], straight.Epochs[e]);
            NumericAssert.Within(b.TrainLoss, a.TrainLoss, TrainerPyTorchParityTests.Figures, $"epoch {e + 1} train loss (straight vs resumed)");
            NumericAssert.Within(b.FrozenTest.Mse, a.FrozenTest.Mse, TrainerPyTorchParityTests.Figures, $"epoch {e + 1} test MSE (straight vs resumed)");
            Assert.Equal(b.GradientNorm.Steps, a.GradientNorm.Steps);
        }
    }

    [Theory]
    [InlineData("per-epoch", 10)]
    [InlineData("per-block", 7)]
    [InlineData("never", 100)]
    public void Fused_and_torch_windowed_trainers_give_the_same_numbers_on_a_short_run(string reset, int window)
    {
        // Short on purpose: over many epochs the loop is chaotic (float rounding alone moves the trajectory), so engines are
        // compared over a few epochs, where they agree to float rounding grown through a few hundred Adam steps.
        var policy = reset switch { "per-block" => ResetPolicy.PerBlock, "never" => ResetPolicy.Never, _ => ResetPolicy.PerEpoch };
        var c = Config(hidden: 16, epochs: 3) with { Window = window, Reset = policy };
        var torch = Trainer(c with { Engine = "torch" }).Run();
        var fused = Trainer(c with { Engine = "fused" }).Run();
        for (int e = 0; e < 3; e++)
        {
            var (a, b) = (fused.Epochs[e], torch.Epochs[e]);
            void Close(string what, double mine, double theirs) =>
                NumericAssert.Within(theirs, mine, TrainerPyTorchParityTests.Figures, $"epoch {e + 1} {what} (torch vs fused)");
            Close("train loss", a.TrainLoss, b.TrainLoss);
            Close("frozen train MSE", a.FrozenTrain.Mse, b.FrozenTrain.Mse);
            Close("frozen test MSE", a.FrozenTest.Mse, b.FrozenTest.Mse);
            Close("grad norm mean", a.GradientNorm.Mean, b.GradientNorm.Mean);
            Assert.Equal(b.GradientNorm.Steps, a.GradientNorm.Steps);
        }
    }

    [Theory]
    [InlineData("window 0 must be at least 1", "--window", "0")]
    [InlineData("window 500 is larger than the 200 training rows", "--window", "500")]
    [InlineData("window 5 and accumulation 2 together", "--window", "5", "--accumulate", "2")]
    [InlineData("window 5 with the stateless policy", "--window", "5", "--reset", "stateless")]
    public void Impossible_windows_are_one_line_exit_1_and_create_nothing(string expected, params string[] flags)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(["train", "--max-rows", "200", "--hidden", "8", "--out", dir.File("run"), .. flags]);
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error:", line);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void An_engine_without_windows_is_refused_by_the_config_and_by_the_trainer()
    {
        // Both built-in engines now train over windows; the test engine (L = 1 only) stands for one that does not.
        Assert.Equal(EngineFactory.Names, EngineFactory.WindowNames);
        var c = Config(hidden: 8, epochs: 1) with { Window = 5 };
        var e = Assert.Throws<InvalidSpecException>(() => Trainer(c));
        Assert.Contains("engine 'scalar-test' has no truncated BPTT: --window 5 needs torch or fused", e.Message);
        // An engine that passes the config's check but is not an IWindowedTrainingEngine (a plain wrapper) is refused too.
        var fused = c with { Engine = "fused" };
        var t = Assert.Throws<InvalidSpecException>(() => Trainer(fused, wrap: e => new TripwireEngine(e, -1, () => { })).Run());
        Assert.Equal("engine 'fused' has no truncated BPTT (window 5)", t.Message);
    }

    [Fact]
    public void The_window_is_recorded_in_config_and_history_and_a_resume_cannot_change_it()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var r = Freqlab.Run("train", "--max-rows", "200", "--hidden", "8", "--epochs", "1", "--window", "20", "--out", run, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(20, RunDirectory.OpenExisting(run).ReadConfig().Window);
        var history = HistoryJson.Read(Path.Combine(run, "history.json"));
        Assert.Equal(20, history.Config.Window);
        Assert.Equal(10, history.Epochs[0].GradientNorm.Steps); // 200 rows / 20
        var other = Freqlab.Run("train", "--resume", run, "--epochs", "2", "--window", "10");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("window", Assert.Single(other.ErrorLines));
    }
}

/// <summary>Passes every call to an inner windowed engine and runs an action just before its n-th window (0-based).</summary>
internal sealed class WindowTripwire(IWindowedTrainingEngine inner, long atWindow, Action trip) : DelegatingEngine(inner), IWindowedTrainingEngine
{
    private long _windows;
    public void ForwardBackwardWindow(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> losses)
    {
        if (_windows++ == atWindow) trip();
        inner.ForwardBackwardWindow(inputs, targets, losses);
    }
}

/// <summary>The torch window step against the double-precision BPTT reference, and the reference against finite differences.</summary>
public class WindowReferenceTests
{
    [Fact]
    public void The_double_reference_window_gradient_matches_central_finite_differences()
    {
        var shape = new ModelShape(3, 4);
        var theta = ModelInitializer.PyTorchDefault(shape, 7).Select(v => (double)v).ToArray();
        var rng = new Random(3);
        int steps = 6;
        var inputs = Enumerable.Range(0, steps * 3).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var targets = Enumerable.Range(0, steps).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var h0 = new[] { 0.1, -0.2, 0.3, 0.05 };
        var c0 = new[] { -0.3, 0.2, 0.1, 0.4 };
        var analytic = FrequencyLab.Engines.Fused.ReferenceLstmWindow.Run(shape, theta, inputs, targets, h0, c0).Gradient;
        double Loss(double[] p) => FrequencyLab.Engines.Fused.ReferenceLstmWindow.Run(shape, p, inputs, targets, h0, c0).Losses.Average();
        for (int j = 0; j < theta.Length; j++)
        {
            var plus = (double[])theta.Clone(); plus[j] += 1e-6;
            var minus = (double[])theta.Clone(); minus[j] -= 1e-6;
            double numeric = (Loss(plus) - Loss(minus)) / 2e-6;
            Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-7 + 1e-5 * Math.Abs(numeric), $"parameter {j}: numeric {numeric:R}, BPTT {analytic[j]:R}");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public void The_torch_window_gradient_equals_the_double_reference_over_the_window(int window)
    {
        var shape = new ModelShape(5, 16);
        var w = ModelInitializer.PyTorchDefault(shape, 2);
        var rows = TrainingData.Generate(SignalSpec.Default with { Duration = 0.1 }, 1, RowOrder.Blocks, 2 * window);
        using var torch = new TorchEngine(shape, OptimizerSettings.Report, w);
        var losses = new float[window];
        // A first window leaves a non-zero carried state; the second is the one compared.
        torch.ForwardBackwardWindow(rows.Inputs.AsSpan(0, window * 5), rows.Targets.AsSpan(0, window), losses);
        var state = torch.Snapshot();
        torch.OptimizerStep(1e-2f, float.PositiveInfinity);
        var theta = new float[shape.ParameterCount];
        torch.GetParameters(theta);
        torch.ForwardBackwardWindow(rows.Inputs.AsSpan(window * 5, window * 5), rows.Targets.AsSpan(window, window), losses);
        var g = new float[shape.ParameterCount];
        torch.GetGradients(g);

        var reference = FrequencyLab.Engines.Fused.ReferenceLstmWindow.Run(shape, theta.Select(v => (double)v).ToArray(),
            rows.Inputs.AsSpan(window * 5, window * 5).ToArray().Select(v => (double)v).ToArray(),
            rows.Targets.AsSpan(window, window).ToArray().Select(v => (double)v).ToArray(),
            state.TrainHidden.Select(v => (double)v).ToArray(), state.TrainCell.Select(v => (double)v).ToArray());
        double scale = reference.Gradient.Max(Math.Abs);
        for (int j = 0; j < g.Length; j++)
            Assert.True(Math.Abs(g[j] - reference.Gradient[j]) <= 1e-4 * scale, $"parameter {j}: torch {g[j]:R}, double {reference.Gradient[j]:R} (max |g| {scale:R})");
        for (int r = 0; r < window; r++) Assert.Equal(reference.Losses[r], losses[r], 1e-5);
        Assert.Equal(reference.Hidden[3], torch.Snapshot().TrainHidden[3], 1e-5);
    }
}
