using System.Globalization;
using System.Text.Json;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>Our ReduceLROnPlateau against the installed PyTorch's, step by step, on synthetic metric sequences.</summary>
public class ReduceLROnPlateauTests
{
    private sealed record TorchStep(double Lr, double Best, int Num_bad_epochs, int Cooldown_counter);
    private sealed record TorchTrace(string Torch, TorchStep[] Steps);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static TheoryData<string, PlateauSettings, double[]> Cases()
    {
        double nan = double.NaN, inf = double.PositiveInfinity;
        // The report's own five epoch losses, then a run that plateaus and wanders.
        double[] report = [0.284746, 0.405873, 0.411108, 0.462460, 0.458013];
        double[] plateau = [1.0, 0.9, 0.8, 0.8, 0.79995, 0.8, 0.81, 0.7, 0.7, 0.7, 0.7, 0.7, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.5, 0.5];
        double[] nonFinite = [0.5, nan, 0.5, inf, 0.4, 0.4, nan, 0.4, 0.4, 0.4, 0.4];
        double[] slow = Enumerable.Range(0, 40).Select(i => 1.0 - 1e-5 * i).ToArray();
        return new TheoryData<string, PlateauSettings, double[]>
        {
            { "pytorch defaults", new PlateauSettings(), plateau.Concat(slow).ToArray() },
            { "report strategy 2", PlateauSettings.ReportStrategy2, plateau.Concat(Enumerable.Repeat(0.5, 20)).ToArray() },
            { "patience 0 with min_lr floor", new PlateauSettings(Factor: 0.5, Patience: 0, MinLearningRate: 2e-4), report.Concat(plateau).ToArray() },
            { "cooldown 2", new PlateauSettings(Factor: 0.3, Patience: 1, Cooldown: 2), plateau },
            { "absolute threshold", new PlateauSettings(Patience: 1, Threshold: 0.01, ThresholdMode: ThresholdMode.Absolute), plateau },
            { "relative threshold swallows tiny gains", new PlateauSettings(Patience: 2, Threshold: 1e-3), slow },
            { "non-finite metrics", new PlateauSettings(Factor: 0.5, Patience: 1, Cooldown: 1), nonFinite },
            { "eps blocks a tiny cut", new PlateauSettings(Factor: 0.9, Patience: 0, Eps: 2e-4), report },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_step_by_step(string name, PlateauSettings settings, double[] metrics)
    {
        const double lr0 = 1e-3;
        var spec = new Dictionary<string, object>
        {
            ["lr"] = lr0, ["factor"] = settings.Factor, ["patience"] = settings.Patience, ["threshold"] = settings.Threshold,
            ["threshold_mode"] = settings.ThresholdMode == ThresholdMode.Relative ? "rel" : "abs", ["cooldown"] = settings.Cooldown,
            ["min_lr"] = settings.MinLearningRate, ["eps"] = settings.Eps,
            ["metrics"] = metrics.Select(m => double.IsFinite(m) ? (object)m : m.ToString(CultureInfo.InvariantCulture).ToLowerInvariant()).ToArray(),
        };
        var output = Python.Run(RepoPaths.Combine("scripts", "plateau_reference.py"), JsonSerializer.Serialize(spec));
        var trace = JsonSerializer.Deserialize<TorchTrace>(output, Json)!;
        Assert.StartsWith("1.13", trace.Torch);
        Assert.Equal(metrics.Length, trace.Steps.Length);

        var ours = new ReduceLROnPlateau(settings, lr0);
        int reductions = 0;
        for (int i = 0; i < metrics.Length; i++)
        {
            double before = ours.LearningRate;
            bool reduced = ours.Step(metrics[i]);
            var t = trace.Steps[i];
            var where = $"{name}, step {i + 1}, metric {metrics[i]}";
            Assert.True(t.Lr == ours.LearningRate, $"{where}: lr {ours.LearningRate} vs PyTorch {t.Lr}");
            Assert.True(t.Best.Equals(ours.State.Best), $"{where}: best {ours.State.Best} vs PyTorch {t.Best}");
            Assert.True(t.Num_bad_epochs == ours.State.NumBadEpochs, $"{where}: bad epochs {ours.State.NumBadEpochs} vs PyTorch {t.Num_bad_epochs}");
            Assert.True(t.Cooldown_counter == ours.State.CooldownCounter, $"{where}: cooldown {ours.State.CooldownCounter} vs PyTorch {t.Cooldown_counter}");
            Assert.Equal(reduced, ours.LearningRate < before);
            if (reduced) reductions++;
        }
        // Every case was chosen so that something happens (a sequence where nothing changes would test little).
        Assert.True(reductions > 0 || name.StartsWith("eps"), $"{name}: no reduction happened");
    }

    [Fact]
    public void State_round_trips_so_a_resumed_scheduler_continues_identically()
    {
        var settings = new PlateauSettings(Factor: 0.5, Patience: 1, Cooldown: 1);
        double[] metrics = [0.5, 0.6, 0.7, 0.4, 0.45, 0.46, 0.47, 0.48];
        var straight = new ReduceLROnPlateau(settings, 0.01);
        foreach (var m in metrics) straight.Step(m);
        var first = new ReduceLROnPlateau(settings, 0.01);
        foreach (var m in metrics[..3]) first.Step(m);
        var json = JsonSerializer.Serialize(first.State, HistoryJson.Options);
        var resumed = new ReduceLROnPlateau(settings, JsonSerializer.Deserialize<PlateauState>(json, HistoryJson.Options)!);
        foreach (var m in metrics[3..]) resumed.Step(m);
        Assert.Equal(straight.State, resumed.State);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    public void Factor_outside_0_1_is_rejected_with_one_line(double factor)
    {
        var e = Assert.Throws<InvalidSpecException>(() => new PlateauSettings(Factor: factor).Validate());
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("factor", e.Message);
    }
}
