using FrequencyLab.Diagnostics;
using FrequencyLab.Findings;
using FrequencyLab.Signals;
using static FrequencyLab.Tests.Diagnostics.DiagnosticsFixtures;

namespace FrequencyLab.Tests.Diagnostics;

/// <summary>Every rule driven to each verdict on synthetic measurements.</summary>
public class FindingRulesTests
{
    private static GradientStatistics G(double variance, double clipRate = 0.05, int windows3200 = 12, double reduction = 56) =>
        new("synthetic", 40000, 18241, [new(0.5, 0.4), new(0.95, 1.2), new(1, 3)], 0.5, clipRate, 1.0, 0.1, variance, 0.4,
            [new WindowVariance(3200, windows3200, variance / reduction, reduction)]);

    [Fact]
    public void Noise_arithmetic_is_checked_from_the_spec()
    {
        var f = GradientFindings.NoiseVarianceArithmetic(SignalSpec.Default);
        Assert.Equal(Verdict.Supported, f.Verdict);
        Assert.Equal(Math.PI * Math.PI / 3, f.Measurements[1].Value, 12); // (2π)²/12
        Assert.Equal(Verdict.Contradicted, GradientFindings.NoiseVarianceArithmetic(SignalSpec.Default with { PhaseMax = Math.PI }).Verdict);
    }

    [Fact]
    public void Variance_versus_noise_reaches_each_verdict()
    {
        Assert.Equal(Verdict.Supported, GradientFindings.VarianceVersusNoise([G(4), G(3.5)], [G(1), G(1)]).Verdict);
        Assert.Equal(Verdict.Contradicted, GradientFindings.VarianceVersusNoise([G(1.2), G(20)], [G(1), G(1)]).Verdict);
        Assert.Equal(Verdict.Inconclusive, GradientFindings.VarianceVersusNoise([G(4), G(1.2)], [G(1), G(1)]).Verdict);
        Assert.Throws<ArgumentException>(() => GradientFindings.VarianceVersusNoise([G(4)], []));
    }

    [Fact]
    public void Batch_factor_and_clip_rate_reach_each_verdict()
    {
        Assert.Equal(Verdict.Supported, GradientFindings.BatchVarianceFactor(G(1, reduction: 60)).Verdict);
        Assert.Equal(Verdict.Contradicted, GradientFindings.BatchVarianceFactor(G(1, reduction: 3000)).Verdict);
        Assert.Equal(Verdict.Contradicted, GradientFindings.BatchVarianceFactor(G(1, reduction: 10)).Verdict);
        Assert.Equal(Verdict.Inconclusive, GradientFindings.BatchVarianceFactor(G(1, windows3200: 3)).Verdict);
        Assert.Equal(Verdict.Supported, GradientFindings.ClipRate(G(1, clipRate: 0.02)).Verdict);
        Assert.Equal(Verdict.Inconclusive, GradientFindings.ClipRate(G(1, clipRate: 0.3)).Verdict);
        Assert.Equal(Verdict.Contradicted, GradientFindings.ClipRate(G(1, clipRate: 0.8)).Verdict);
    }

    private static UpdateEffectResult U(double lr, double train, double frozen) => new(FrequencyLab.Training.TrainingConfig.Report with { LearningRate = lr }, 10, 1000,
        [new UpdateEffectEpoch(1, lr, train, frozen, frozen, 10, 0.3, 0.2, 0.8, [], [], [], [])]);

    [Fact]
    public void Update_effect_rules_reach_each_verdict()
    {
        Assert.Equal(Verdict.Supported, UpdateEffectFindings.RunningLossOverstates(U(1e-3, 0.2, 0.5)).Verdict);
        Assert.Equal(Verdict.Contradicted, UpdateEffectFindings.RunningLossOverstates(U(1e-3, 0.2, 0.21)).Verdict);
        Assert.Equal(Verdict.Supported, UpdateEffectFindings.GapGrowsWithLearningRate([U(1e-3, 0.2, 0.5), U(1e-4, 0.4, 0.5)]).Verdict);
        Assert.Equal(Verdict.Contradicted, UpdateEffectFindings.GapGrowsWithLearningRate([U(1e-3, 0.5, 0.5), U(1e-4, 0.2, 0.5)]).Verdict);
        Assert.Equal(Verdict.Inconclusive, UpdateEffectFindings.GapGrowsWithLearningRate([U(1e-4, 0.4, 0.5), U(1e-3, 0.2, 0.5), U(1e-2, 0.3, 0.5)]).Verdict);
    }

    private static ReportFigures Figures => ReportFigures.Load(TestSupport.RepoPaths.Combine("data", "report", "phase3-report-figures.json"));

    [Fact]
    public void Restart_rules_reach_each_verdict()
    {
        var meets = Enumerable.Range(1, 10).Select(e => 0.3 - 0.013 * e).ToArray();   // epoch 5: 0.235 < 0.25, epoch 10: 0.17 < 0.18
        var misses = Enumerable.Range(1, 10).Select(e => 0.45).ToArray();
        Assert.Equal(Verdict.Supported, RestartFindings.SuccessCriteria([History(meets), History(meets)], Figures, "lr 1e-4").Verdict);
        Assert.Equal(Verdict.Contradicted, RestartFindings.SuccessCriteria([History(misses), History(misses)], Figures, "lr 1e-4").Verdict);
        Assert.Equal(Verdict.Inconclusive, RestartFindings.SuccessCriteria([History(meets), History(misses)], Figures, "lr 1e-4").Verdict);
        Assert.Equal(Verdict.Inconclusive, RestartFindings.SuccessCriteria([History([0.3, 0.2])], Figures, "lr 1e-4").Verdict);

        var onForecast = Enumerable.Range(1, 10).Select(e => Figures.PredictedCurve.TryGetValue(e, out var v) ? v * 1.1 : 0.3).ToArray();
        Assert.Equal(Verdict.Supported, RestartFindings.ForecastCurve([History(onForecast)], Figures, "lr 1e-4").Verdict);
        Assert.Equal(Verdict.Contradicted, RestartFindings.ForecastCurve([History(misses)], Figures, "lr 1e-4").Verdict);
        Assert.Equal(Verdict.Inconclusive, RestartFindings.ForecastCurve([History(onForecast), History(misses)], Figures, "lr 1e-4").Verdict);

        Assert.Equal(Verdict.Supported, RestartFindings.StrategyOne([History([0.5, 0.4]), History([0.5, 0.45])], 1e-4).Verdict);
        Assert.Equal(Verdict.Contradicted, RestartFindings.StrategyOne([History(ReportLosses)], 1e-3).Verdict);
        Assert.Equal(Verdict.Inconclusive, RestartFindings.StrategyOne([History(ReportLosses), History([0.5, 0.4])], 1e-3).Verdict);
    }
}
