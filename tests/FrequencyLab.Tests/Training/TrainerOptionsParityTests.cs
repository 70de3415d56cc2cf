using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// The trainer options of the "make it learn" recipe (input standardisation, forget-gate initialisation, learning-rate
/// schedules per step or per epoch) against the same loop in PyTorch 1.13 (<c>scripts/trainer_reference.py</c>, with torch's
/// own LinearLR, CosineAnnealingLR and OneCycleLR), on both engines, epoch by epoch.
/// </summary>
public class TrainerOptionsParityTests
{
    private sealed record RefEpoch(double Train_loss, double Frozen_train, double Frozen_test, double Grad_norm_mean, double Last_lr);
    private sealed record RefRun(string Torch, RefEpoch[] Epochs);

    /// <summary>The learning rate is a double on both sides computed by the same formula (ours in closed form, torch's
    /// cosine and LinearLR recursively): agreement to 1e-9 relative, far below a wrong step index (percents).</summary>
    private static readonly Tolerance LearningRates = Tolerance.Relative(1e-9, floor: 0);

    public static TheoryData<string, string, string, string, int, int> Cases => new()
    {
        // engine, scaling, forget init, schedule, window, epochs
        { "torch", "standardize", "chrono", "cosine-step", 1, 3 },
        { "fused", "none", "chrono", "one-cycle-step", 1, 3 },
        { "fused", "standardize", "constant", "linear-warmup-epoch", 1, 3 },
        { "fused", "none", "constant", "one-cycle-epoch", 10, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Options_match_the_pytorch_loop(string engine, string scaling, string forget, string schedule, int window, int epochs)
    {
        var spec = SignalSpec.Default with { Duration = 0.06 }; // 60 samples × 4 = 240 rows
        using var dir = new TempDir();
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks), dir.File("train.npy"));
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks), dir.File("test.npy"));
        var forgetInit = forget switch
        {
            "constant" => new ForgetGateInit { Kind = ForgetGateInitKind.Constant, Value = 1.5 },
            "chrono" => new ForgetGateInit { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 60 },
            _ => ForgetGateInit.PyTorchDefault,
        };
        var unit = schedule.EndsWith("-epoch", StringComparison.Ordinal) ? ScheduleUnit.Epoch : ScheduleUnit.Step;
        var kind = schedule[..schedule.LastIndexOf('-')];
        var lrSchedule = new LearningRateSchedule
        {
            Kind = Enum.GetValues<ScheduleKind>().Single(k => LearningRateSchedule.Name(k) == kind), Unit = unit,
            WarmupEpochs = kind == "linear-warmup" ? 2 : 0, WarmupStartFactor = 0.2, Floor = 0.1, PctStart = 0.4, DivFactor = 10, FinalDivFactor = 100,
        };
        var config = TrainingConfig.Report with
        {
            HiddenSize = 8, Epochs = epochs, LearningRate = 1e-2, InitSeed = 3, Engine = engine, Window = window,
            InputScaling = scaling == "standardize" ? InputScaling.Standardize : InputScaling.None, ForgetGate = forgetInit, Schedule = lrSchedule,
            Data = new TrainingDataConfig { Spec = spec, TrainFile = dir.File("train.npy"), TestFile = dir.File("test.npy") },
        };
        var ours = new StatefulTrainer(config, TrainingData.Load(config.Data)).Run();

        var json = JsonSerializer.Serialize(new
        {
            hidden = 8, init_seed = 3, lr = 1e-2, epochs, reset = "per-epoch", accumulate = 1, clip = 1.0, optimizer = "adam", momentum = 0.9, window,
            standardize = scaling == "standardize",
            forget = new { kind = forget, value = 1.5, tmax = 60.0 },
            schedule = new { kind, unit = unit == ScheduleUnit.Epoch ? "epoch" : "step", warmup_epochs = lrSchedule.WarmupEpochs, start_factor = 0.2, floor = 0.1, pct_start = 0.4, div = 10.0, final_div = 100.0 },
        });
        var output = Python.Run(RepoPaths.Combine("scripts", "trainer_reference.py"), dir.File("train.npy"), dir.File("test.npy"), json);
        var reference = JsonSerializer.Deserialize<RefRun>(output, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.StartsWith("1.13", reference.Torch);

        Assert.Equal(epochs, ours.Epochs.Count);
        for (int e = 0; e < epochs; e++)
        {
            var (a, b) = (ours.Epochs[e], reference.Epochs[e]);
            void Close(string what, double mine, double theirs) => NumericAssert.Within(theirs, mine, TrainerPyTorchParityTests.Figures, $"epoch {e + 1} {what} (PyTorch vs ours)");
            Close("train loss", a.TrainLoss, b.Train_loss);
            Close("frozen train MSE", a.FrozenTrain.Mse, b.Frozen_train);
            Close("frozen test MSE", a.FrozenTest.Mse, b.Frozen_test);
            Close("grad norm mean", a.GradientNorm.Mean, b.Grad_norm_mean);
            NumericAssert.Within(b.Last_lr, a.LastStepLearningRate, LearningRates, $"epoch {e + 1} learning rate of the last step (PyTorch vs ours)");
        }
        // The schedule moved the learning rate, so agreement is not agreement on a constant.
        Assert.NotEqual(ours.Epochs[0].LastStepLearningRate, ours.Epochs[^1].LastStepLearningRate);
        Assert.Equal(scaling == "standardize", ours.InputScale is not null);
    }
}
