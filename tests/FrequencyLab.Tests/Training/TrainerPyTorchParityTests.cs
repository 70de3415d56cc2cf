using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// The whole trainer (epochs, reset policy, accumulation, clipping, the loss taken before the update, the frozen passes)
/// against the same loop written in PyTorch 1.13 (<c>scripts/trainer_reference.py</c>), on identical rows and weights.
/// </summary>
public class TrainerPyTorchParityTests
{
    private sealed record RefEpoch(double Train_loss, double Frozen_train, double Frozen_test, double Grad_norm_mean);
    private sealed record RefRun(string Torch, RefEpoch[] Epochs);

    /// <summary>float32 training of a few hundred Adam steps in two libtorch builds (TorchSharp's and Debian's PyTorch):
    /// rounding differs per operation, so agreement is to a relative 1e-4, far below any effect the trainer could get wrong
    /// (a missing reset, a loss taken after the step, a skipped clip each move these numbers by percents). Every figure is
    /// an epoch mean of squares or norms, positive and far from zero: relative to itself, no floor.</summary>
    internal static readonly Tolerance Figures = Tolerance.Relative(1e-4, floor: 0);

    [Theory]
    [InlineData("per-epoch", 1, "adam", 1.0)]
    [InlineData("per-block", 3, "adam", 0.5)]
    [InlineData("never", 1, "sgd", 1.0)]
    [InlineData("stateless", 2, "adam", 1.0)]
    public void Trainer_matches_the_pytorch_loop(string reset, int accumulate, string optimizer, double clip)
    {
        var spec = SignalSpec.Default with { Duration = 0.06 }; // 60 samples × 4 = 240 rows
        using var dir = new TempDir();
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks), dir.File("train.npy"));
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks), dir.File("test.npy"));
        var policy = reset switch { "per-block" => ResetPolicy.PerBlock, "never" => ResetPolicy.Never, "stateless" => ResetPolicy.Stateless, _ => ResetPolicy.PerEpoch };
        var config = TrainingConfig.Report with
        {
            HiddenSize = 8, Epochs = 3, LearningRate = 1e-2, InitSeed = 3, Reset = policy, AccumulationSteps = accumulate, MaxGradNorm = clip,
            Optimizer = TrainingConfig.Report.Optimizer with { Kind = optimizer == "sgd" ? FrequencyLab.Engines.OptimizerKind.Sgd : FrequencyLab.Engines.OptimizerKind.Adam },
            Data = new TrainingDataConfig { Spec = spec, TrainFile = dir.File("train.npy"), TestFile = dir.File("test.npy") },
        };
        var ours = new StatefulTrainer(config, TrainingData.Load(config.Data)).Run();

        var json = JsonSerializer.Serialize(new { hidden = 8, init_seed = 3, lr = 1e-2, epochs = 3, reset, accumulate, clip, optimizer, momentum = 0.9 });
        var output = Python.Run(RepoPaths.Combine("scripts", "trainer_reference.py"), dir.File("train.npy"), dir.File("test.npy"), json);
        var reference = JsonSerializer.Deserialize<RefRun>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.StartsWith("1.13", reference.Torch);

        Assert.Equal(3, ours.Epochs.Count);
        for (int e = 0; e < 3; e++)
        {
            var (a, b) = (ours.Epochs[e], reference.Epochs[e]);
            void Close(string what, double mine, double theirs) => NumericAssert.Within(theirs, mine, Figures, $"epoch {e + 1} {what} (PyTorch vs ours)");
            Close("train loss", a.TrainLoss, b.Train_loss);
            Close("frozen train MSE", a.FrozenTrain.Mse, b.Frozen_train);
            Close("frozen test MSE", a.FrozenTest.Mse, b.Frozen_test);
            Close("grad norm mean", a.GradientNorm.Mean, b.Grad_norm_mean);
        }
        // The epochs differ from each other, so agreement is not agreement on a constant.
        Assert.NotEqual(ours.Epochs[0].TrainLoss, ours.Epochs[2].TrainLoss);
    }
}
