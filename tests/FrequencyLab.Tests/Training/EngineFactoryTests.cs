using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

public class EngineFactoryTests
{
    [Fact]
    public void Unknown_engine_is_one_line_naming_the_known_ones()
    {
        var shape = new ModelShape(5, 4);
        var e = Assert.Throws<InvalidSpecException>(() => EngineFactory.Create("cuda", shape, OptimizerSettings.Report, new float[shape.ParameterCount]));
        Assert.Equal("unknown engine 'cuda' (expected " + string.Join(" or ", EngineFactory.Names) + ")", e.Message);
        Assert.Contains("torch", EngineFactory.Names);
    }

    [Fact]
    public void A_config_is_on_the_fused_engine_unless_it_says_otherwise_and_an_unknown_engine_is_refused_by_its_validation()
    {
        Assert.Equal("fused", new TrainingConfig().Engine);
        var e = Assert.Throws<InvalidSpecException>(() => (TrainingConfig.Report with { Engine = "cuda" }).Validate());
        Assert.Equal("invalid training config: unknown engine 'cuda' (expected torch or fused)", e.Message);
        // A trainer given its own engine factory judges the name itself (the tests' scalar reference engine).
        var c = Config(hidden: 4, epochs: 1) with { Engine = "cuda" };
        Assert.Throws<InvalidSpecException>(() => new StatefulTrainer(c, TrainerFixtures.Data(c)));
        Assert.Equal("cuda", new StatefulTrainer(c, TrainerFixtures.Data(c), (cfg, w) => new ScalarLstmEngine(cfg.Shape, cfg.Optimizer, w)).Config.Engine);
    }

    [Fact]
    public void Torch_engine_trains_deterministically_through_the_trainer()
    {
        var c = Config(hidden: 16, epochs: 2) with { Engine = "torch", Reset = ResetPolicy.PerBlock, AccumulationSteps = 2 };
        var a = new StatefulTrainer(c, TrainerFixtures.Data(c)).Run();
        var b = new StatefulTrainer(c, TrainerFixtures.Data(c)).Run();
        Assert.Equal("torch", a.Environment.Engine);
        Assert.Contains("TorchSharp", a.Environment.Versions.Keys);
        Assert.Equal(Numbers(a), Numbers(b));
        Assert.All(a.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss) && double.IsFinite(e.FrozenTest.Mse)));
    }

    [Fact]
    public void Torch_and_the_scalar_reference_agree_on_a_short_run()
    {
        // Two independent implementations of the same semantics: float32 rounding differs, the numbers must not.
        var c = Config(hidden: 8, epochs: 1);
        var scalar = Trainer(c).Run();
        var torch = Trainer(c with { Engine = "torch" }).Run();
        Assert.Equal(scalar.Epochs[0].TrainLoss, torch.Epochs[0].TrainLoss, 4);
        Assert.Equal(scalar.Epochs[0].FrozenTest.Mse, torch.Epochs[0].FrozenTest.Mse, 4);
        Assert.Equal(scalar.Epochs[0].GradientNorm.Mean, torch.Epochs[0].GradientNorm.Mean, 4);
    }
}
