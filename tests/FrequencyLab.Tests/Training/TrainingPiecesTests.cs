using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

public class TrainingPiecesTests
{
    [Fact]
    public void Warmup_rises_linearly_from_the_start_factor_to_one()
    {
        var w = new LinearWarmup(0.5, 4);
        Assert.Equal([0.5, 0.625, 0.75, 0.875, 1.0, 1.0], Enumerable.Range(0, 6).Select(s => w.Factor(s)));
        Assert.Equal(1.0, LinearWarmup.None.Factor(0));
    }

    [Fact]
    public void Gradient_norm_stats_use_pytorchs_clip_rule()
    {
        var acc = new GradientNormAccumulator();
        // max/(norm + 1e-6) < 1 ⇔ clipped: 1.0 exactly is not clipped (1/(1+1e-6) < 1 in float32 is true → clipped).
        acc.Add(0.5f, 1.0);
        acc.Add(1.0f, 1.0);
        acc.Add(3.0f, 1.0);
        acc.Add(0.9999f, 1.0);
        var s = acc.ToStats();
        Assert.Equal(4, s.Steps);
        Assert.Equal((0.5 + 1.0 + 3.0 + (double)0.9999f) / 4, s.Mean, 12);
        Assert.Equal(3.0, s.Max);
        // 1.0: 1/(1 + 1e-6) = 0.999999 < 1 → clipped (by a factor PyTorch applies too); 0.9999 → 1.0001 ≥ 1 → not.
        Assert.Equal(0.5, s.FractionClipped);
        var none = new GradientNormAccumulator();
        none.Add(5f, double.PositiveInfinity);
        Assert.Equal(0, none.ToStats().FractionClipped);
    }

    [Fact]
    public void Report_defaults_validate_and_impossible_values_fail_with_one_line()
    {
        Assert.Same(TrainingConfig.Report, TrainingConfig.Report.Validate());
        Assert.Equal(18_241, TrainingConfig.Report.Shape.ParameterCount);
        TrainingConfig[] bad =
        [
            new() { LearningRate = 0 }, new() { LearningRate = double.NaN }, new() { Epochs = 0 }, new() { HiddenSize = 0 },
            new() { AccumulationSteps = 0 }, new() { MaxGradNorm = 0 }, new() { WarmupEpochs = -1 },
            new() { Plateau = new PlateauSettings(Patience: -1) }, new() { Data = new TrainingDataConfig { MaxRows = 0 } },
            new() { Data = new TrainingDataConfig { TrainFile = "a.csv" } },
        ];
        foreach (var c in bad)
        {
            var e = Assert.Throws<InvalidSpecException>(() => c.Validate());
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void Config_round_trips_through_json()
    {
        var c = TrainingConfig.Report with
        {
            LearningRate = 1e-4, Plateau = PlateauSettings.ReportStrategy2, EarlyStopping = EarlyStoppingSettings.ReportPlan,
            Optimizer = TrainingConfig.Report.Optimizer with { Kind = FrequencyLab.Engines.OptimizerKind.Sgd },
            MaxGradNorm = double.PositiveInfinity, Data = new TrainingDataConfig { MaxRows = 400, Order = FrequencyLab.Data.RowOrder.Interleaved },
        };
        var json = HistoryJson.Serialize(c);
        var back = HistoryJson.DeserializeConfig(json);
        Assert.Equal(json, HistoryJson.Serialize(back));
        Assert.Equal(c, back);
    }
}
