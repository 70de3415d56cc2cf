using System.Text.Json.Nodes;
using FrequencyLab.Model;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// The trainer options on their own: the schedule type (the report's warm-up is one of its kinds, with the same numbers),
/// its shapes, per-epoch steps and epoch-budget dependence; the forget-gate initialisations; input standardisation fitted on
/// train, recorded, and applied again by an evaluation and a resume; the bad values. PyTorch parity is in
/// <see cref="TrainerOptionsParityTests"/>.
/// </summary>
public class TrainerOptionsTests
{
    [Fact]
    public void The_warmup_shorthand_is_the_linear_warmup_schedule_with_the_numbers_it_always_had()
    {
        var c = TrainingConfig.Report with { WarmupEpochs = 3, WarmupStartFactor = 0.25 };
        Assert.Equal(new LearningRateSchedule { Kind = ScheduleKind.LinearWarmup, WarmupEpochs = 3, WarmupStartFactor = 0.25 }, c.Schedule);
        var curve = c.Schedule.Build(stepsPerEpoch: 7, epochs: 5);
        var old = new LinearWarmup(0.25, 3 * 7);
        for (long s = 0; s < 35; s++) Assert.Equal(old.Factor(s), curve.Factor(s));
        Assert.Equal(TrainingConfig.Report, c with { WarmupEpochs = 0, WarmupStartFactor = 0.5 });
        Assert.Equal(1.0, TrainingConfig.Report.Schedule.Build(7, 5).Factor(3));
    }

    [Fact]
    public void Config_json_holds_the_schedule_once_and_an_older_file_with_top_level_warmup_still_reads()
    {
        var json = HistoryJson.Serialize(TrainingConfig.Report with { WarmupEpochs = 2 });
        var root = JsonNode.Parse(json)!.AsObject();
        Assert.False(root.ContainsKey("warmupEpochs"));
        Assert.Equal("linearWarmup", (string)root["schedule"]!["kind"]!);
        Assert.Equal("none", (string)root["inputScaling"]!);
        Assert.Equal("pyTorchDefault", (string)root["forgetGate"]!["kind"]!);
        Assert.Equal(TrainingConfig.Report with { WarmupEpochs = 2 }, HistoryJson.DeserializeConfig(json));

        var legacy = JsonNode.Parse(HistoryJson.Serialize(TrainingConfig.Report))!.AsObject();
        foreach (var key in new[] { "schedule", "inputScaling", "forgetGate" }) legacy.Remove(key);
        legacy["warmupEpochs"] = 2;
        legacy["warmupStartFactor"] = 0.5;
        Assert.Equal(TrainingConfig.Report with { WarmupEpochs = 2 }, HistoryJson.DeserializeConfig(legacy.ToJsonString()));
    }

    [Fact]
    public void Cosine_and_one_cycle_have_their_documented_shape_and_depend_on_the_epoch_budget()
    {
        var cosine = new LearningRateSchedule { Kind = ScheduleKind.Cosine, Floor = 0.1 };
        var c = cosine.Build(stepsPerEpoch: 10, epochs: 4); // T = 40 steps
        Assert.Equal(1.0, c.Factor(0));
        Assert.Equal(0.1 + 0.9 / 2, c.Factor(20), 15);
        Assert.True(c.Factor(39) > 0.1 && c.Factor(39) < 0.11);

        var oneCycle = new LearningRateSchedule { Kind = ScheduleKind.OneCycle, PctStart = 0.25, DivFactor = 20, FinalDivFactor = 50 };
        var o = oneCycle.Build(stepsPerEpoch: 10, epochs: 4); // rise to step 9, fall to step 39
        Assert.Equal(1.0 / 20, o.Factor(0), 15);
        Assert.Equal(1.0, o.Factor(9), 15);
        Assert.Equal(1.0 / 20 / 50, o.Factor(39), 15);
        Assert.True(o.Factor(5) > o.Factor(4) && o.Factor(20) < o.Factor(10));

        var perEpoch = (cosine with { Unit = ScheduleUnit.Epoch }).Build(stepsPerEpoch: 10, epochs: 4);
        Assert.All(Enumerable.Range(10, 10), s => Assert.Equal(perEpoch.Factor(10), perEpoch.Factor(s)));
        Assert.Equal(0.1 + 0.9 * (1 + Math.Cos(Math.PI / 4)) / 2, perEpoch.Factor(10), 15);

        Assert.True((TrainingConfig.Report with { Schedule = cosine }).DependsOnEpochBudget);
        Assert.True((TrainingConfig.Report with { Schedule = oneCycle }).DependsOnEpochBudget);
        Assert.False((TrainingConfig.Report with { WarmupEpochs = 2 }).DependsOnEpochBudget);
        Assert.False(TrainingConfig.Report.DependsOnEpochBudget);
        Assert.False((TrainingConfig.Report with { Plateau = new PlateauSettings() }).DependsOnEpochBudget);
    }

    [Fact]
    public void Bad_option_values_fail_with_one_line()
    {
        TrainingConfig[] bad =
        [
            new() { Schedule = new() { Kind = ScheduleKind.Cosine, Floor = 1 } },
            new() { Schedule = new() { Kind = ScheduleKind.Cosine, Floor = -0.1 } },
            new() { Schedule = new() { Kind = ScheduleKind.Cosine, WarmupEpochs = 2 } },
            new() { Schedule = new() { Kind = ScheduleKind.LinearWarmup } },
            new() { Schedule = new() { Kind = ScheduleKind.OneCycle, PctStart = 1 } },
            new() { Schedule = new() { Kind = ScheduleKind.OneCycle, DivFactor = 0.5 } },
            new() { Schedule = new() { Kind = ScheduleKind.OneCycle, FinalDivFactor = double.PositiveInfinity } },
            new() { Schedule = new() { Kind = ScheduleKind.OneCycle, Unit = ScheduleUnit.Epoch }, Epochs = 3 }, // 0.3 × 3 epochs: no rise
            new() { Schedule = new() { Kind = (ScheduleKind)9 } },
            new() { WarmupStartFactor = 0 },
            new() { InputScaling = (InputScaling)5 },
            new() { ForgetGate = new() { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 2 } },
            new() { ForgetGate = new() { Kind = ForgetGateInitKind.Constant, Value = double.NaN } },
        ];
        foreach (var c in bad)
        {
            var e = Assert.Throws<InvalidSpecException>(() => c.Validate());
            Assert.DoesNotContain('\n', e.Message);
            Assert.StartsWith("invalid training config: ", e.Message);
        }
    }

    [Fact]
    public void Forget_gate_inits_change_only_the_gate_biases_and_chrono_spreads_time_scales_up_to_its_maximum()
    {
        var shape = new ModelShape(5, 16);
        var layout = new ParameterLayout(shape);
        var baseline = ModelInitializer.PyTorchDefault(shape, 4);
        Assert.Equal(baseline, ModelInitializer.Initial(shape, 4, ForgetGateInit.PyTorchDefault));

        bool IsGateBias(int p, int gates) =>
            (p >= layout.BiasIH.Offset && p < layout.BiasIH.Offset + gates * 16) || (p >= layout.BiasHH.Offset && p < layout.BiasHH.Offset + gates * 16);
        var constant = ModelInitializer.Initial(shape, 4, new ForgetGateInit { Kind = ForgetGateInitKind.Constant, Value = 2 });
        for (int j = 0; j < 16; j++)
        {
            Assert.Equal(2f, constant[layout.BiasIH.Offset + 16 + j]);
            Assert.Equal(0f, constant[layout.BiasHH.Offset + 16 + j]);
            Assert.Equal(baseline[layout.BiasIH.Offset + j], constant[layout.BiasIH.Offset + j]); // input gate untouched
        }
        for (int p = 0; p < baseline.Length; p++)
            if (!IsGateBias(p, 2)) Assert.Equal(baseline[p], constant[p]);

        var chrono = ModelInitializer.Initial(shape, 4, new ForgetGateInit { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 500 });
        var forget = Enumerable.Range(0, 16).Select(j => chrono[layout.BiasIH.Offset + 16 + j]).ToArray();
        Assert.All(forget, b => Assert.InRange(b, 0f, (float)Math.Log(499)));
        Assert.True(forget.Max() - forget.Min() > 1, "chrono biases are spread, not one value");
        for (int j = 0; j < 16; j++)
        {
            Assert.Equal(-forget[j], chrono[layout.BiasIH.Offset + j]);
            Assert.Equal(0f, chrono[layout.BiasHH.Offset + j]);
            Assert.Equal(0f, chrono[layout.BiasHH.Offset + 16 + j]);
        }
        for (int p = 0; p < baseline.Length; p++)
            if (!IsGateBias(p, 2)) Assert.Equal(baseline[p], chrono[p]);
        Assert.Equal(chrono, ModelInitializer.Initial(shape, 4, new ForgetGateInit { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 500 }));
        Assert.NotEqual(chrono, ModelInitializer.Initial(shape, 5, new ForgetGateInit { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 500 }));
    }

    [Fact]
    public void Standardisation_uses_the_training_rows_statistics_for_both_sets_and_is_recorded_and_reapplied_by_an_evaluation()
    {
        var c = Config(epochs: 2) with { InputScaling = InputScaling.Standardize };
        var raw = TrainerFixtures.Data(c);
        var trainer = Trainer(c);
        var scale = trainer.InputScale!;
        var s = Enumerable.Range(0, raw.Train.Count).Select(r => (double)raw.Train.Inputs[r * raw.Train.Width]).ToArray();
        Assert.Equal(s.Average(), scale.Mean, 14);
        Assert.Equal(Math.Sqrt(s.Select(v => (v - s.Average()) * (v - s.Average())).Average()), scale.Std, 14);
        for (int r = 0; r < raw.Test.Count; r++)
        {
            Assert.Equal((float)((raw.Test.Inputs[r * 5] - scale.Mean) / scale.Std), trainer.Data.Test.Inputs[r * 5]);
            for (int j = 1; j < 5; j++) Assert.Equal(raw.Test.Inputs[r * 5 + j], trainer.Data.Test.Inputs[r * 5 + j]); // selectors unchanged
        }
        var scaledTest = trainer.Data.Test.Inputs.Where((_, i) => i % 5 == 0).Select(v => (double)v).ToArray();
        Assert.NotEqual(0.0, scaledTest.Average(), 3); // the test set's own mean is not removed: no test statistics are used

        var model = new StatefulTrainer(c with { Engine = "fused" }, raw).Train();
        Assert.Equal(scale, model.History.InputScale);
        var predictions = FrozenPredictions.Compute(model, raw.Test);
        Assert.Equal(model.History.Epochs[^1].FrozenTest.Mse, predictions.Mse);
        var e = Assert.Throws<InvalidSpecException>(() => FrozenPredictions.Compute(model.Config, model.Final.Parameters, raw.Test));
        Assert.Contains("inputScale", e.Message);

        var json = HistoryJson.Serialize(model.History);
        Assert.Equal(scale, HistoryJson.DeserializeHistory(json).InputScale);
        var missing = JsonNode.Parse(json)!.AsObject();
        missing["inputScale"] = null;
        Assert.Contains("$.inputScale: missing", Assert.Throws<DataFileException>(() => HistoryJson.DeserializeHistory(missing.ToJsonString(), "h.json")).Message);
        Assert.Null(Trainer(Config(epochs: 1)).Run().InputScale);
    }

    [Theory]
    [InlineData("scalar-test")]
    [InlineData("fused")]
    public void A_run_with_every_option_cancelled_mid_epoch_resumes_to_the_uninterrupted_numbers(string engine)
    {
        var c = Config(hidden: 8, epochs: 3) with
        {
            Engine = engine, InputScaling = InputScaling.Standardize,
            ForgetGate = new ForgetGateInit { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 100 },
            Schedule = new LearningRateSchedule { Kind = ScheduleKind.OneCycle },
        };
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var cancelled = Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 400 + 137, cts.Cancel)).Run(null, cts.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.Stop);
        var run = RunDirectory.OpenExisting(dir.Path, c);
        var resumed = Trainer(c, run).Resume(CheckpointFile.Read(run.LastCheckpointPath));
        Assert.Equal(Numbers(Trainer(c).Run()), Numbers(resumed));

        // One-cycle is spread over the 3 epochs: a resume may not stretch it.
        var longer = c with { Epochs = 4 };
        var refused = Assert.Throws<FrequencyLabException>(() => Trainer(longer, RunDirectory.OpenExisting(dir.Path, longer)).Resume(CheckpointFile.Read(run.LastCheckpointPath)));
        Assert.Equal("cannot resume: the one-cycle schedule is spread over the run's 3 epochs, so --epochs cannot change (not 4)", refused.Message);
    }
}
